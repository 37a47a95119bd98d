-- Grain state. One row per (service, grain type, grain id); "version" is the ETag: a write must name
-- the version it read (null = "I read nothing"), else it changes nothing and the provider raises
-- InconsistentStateException. Only payloadbinary is used by the 10.4 provider.
CREATE TABLE IF NOT EXISTS orleansstorage
(
    serviceid              varchar(150) NOT NULL,
    graintypestring        varchar(512) NOT NULL,
    grainidn0              bigint       NOT NULL,
    grainidn1              bigint       NOT NULL,
    grainidextensionstring varchar(512) NOT NULL,
    grainidhash            integer      NOT NULL,
    graintypehash          integer      NOT NULL,
    payloadbinary          bytea        NULL,
    modifiedon             timestamptz  NOT NULL DEFAULT now(),
    version                integer      NOT NULL,
    PRIMARY KEY (serviceid, graintypestring, grainidn0, grainidn1, grainidextensionstring)
);

CREATE OR REPLACE FUNCTION ledger_state_write(
    _grainidhash integer, _grainidn0 bigint, _grainidn1 bigint, _graintypehash integer, _graintypestring varchar,
    _grainidextensionstring varchar, _serviceid varchar, _grainstateversion integer, _payloadbinary bytea)
RETURNS TABLE (newgrainstateversion integer) LANGUAGE plpgsql AS $$
DECLARE
    _written integer;
BEGIN
    IF _grainstateversion IS NULL THEN
        INSERT INTO orleansstorage (serviceid, graintypestring, grainidn0, grainidn1, grainidextensionstring,
            grainidhash, graintypehash, payloadbinary, version)
        VALUES (_serviceid, _graintypestring, _grainidn0, _grainidn1, coalesce(_grainidextensionstring, ''),
            _grainidhash, _graintypehash, _payloadbinary, 1)
        ON CONFLICT DO NOTHING
        RETURNING version INTO _written;
    ELSE
        UPDATE orleansstorage
        SET payloadbinary = _payloadbinary, modifiedon = now(), version = version + 1
        WHERE serviceid = _serviceid AND graintypestring = _graintypestring AND grainidn0 = _grainidn0
          AND grainidn1 = _grainidn1 AND grainidextensionstring = coalesce(_grainidextensionstring, '')
          AND version = _grainstateversion
        RETURNING version INTO _written;
    END IF;
    -- Null tells the provider the write lost a race: it raises InconsistentStateException.
    RETURN QUERY SELECT _written;
END $$;

INSERT INTO orleansquery (querykey, querytext) VALUES
('WriteToStorageKey', $q$
    SELECT newgrainstateversion FROM ledger_state_write(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash,
        @GrainTypeString, @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary);
$q$),
('ReadFromStorageKey', $q$
    SELECT payloadbinary, version FROM orleansstorage
    WHERE serviceid = @ServiceId AND graintypestring = @GrainTypeString AND grainidn0 = @GrainIdN0
      AND grainidn1 = @GrainIdN1 AND grainidextensionstring = coalesce(@GrainIdExtensionString, '')
      AND grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash;
$q$),
-- Clearing keeps the row (and its version) so a stale writer still loses; the payload goes.
('ClearStorageKey', $q$
    UPDATE orleansstorage SET payloadbinary = NULL, modifiedon = now(), version = version + 1
    WHERE serviceid = @ServiceId AND graintypestring = @GrainTypeString AND grainidn0 = @GrainIdN0
      AND grainidn1 = @GrainIdN1 AND grainidextensionstring = coalesce(@GrainIdExtensionString, '')
      AND version = @GrainStateVersion
    RETURNING version;
$q$),
('DeleteStorageKey', $q$
    WITH deleted AS (
        DELETE FROM orleansstorage
        WHERE serviceid = @ServiceId AND graintypestring = @GrainTypeString AND grainidn0 = @GrainIdN0
          AND grainidn1 = @GrainIdN1 AND grainidextensionstring = coalesce(@GrainIdExtensionString, '')
          AND version = @GrainStateVersion
        RETURNING version)
    SELECT version + 1 FROM deleted;
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
