-- Membership: one version row per cluster (optimistic concurrency for the whole table) and one row
-- per silo incarnation. Parameters and result columns are those Orleans.Clustering.AdoNet 10.4 binds
-- and reads by name.
CREATE TABLE IF NOT EXISTS orleansmembershipversiontable
(
    deploymentid varchar(150)   NOT NULL PRIMARY KEY,
    timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    version      integer        NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS orleansmembershiptable
(
    deploymentid varchar(150)   NOT NULL REFERENCES orleansmembershipversiontable (deploymentid),
    address      varchar(45)    NOT NULL,
    port         integer        NOT NULL,
    generation   integer        NOT NULL,
    siloname     varchar(150)   NOT NULL,
    hostname     varchar(150)   NOT NULL,
    status       integer        NOT NULL,
    proxyport    integer        NULL,
    suspecttimes varchar(8000)  NULL,
    starttime    timestamptz(3) NOT NULL,
    iamalivetime timestamptz(3) NOT NULL,
    PRIMARY KEY (deploymentid, address, port, generation)
);

-- Inserting a silo row and bumping the table version succeed or fail together: the version must
-- still be the one the silo read, else another silo changed the table first (returns 0).
CREATE OR REPLACE FUNCTION ledger_membership_insert(
    _deploymentid varchar, _address varchar, _port integer, _generation integer, _siloname varchar,
    _hostname varchar, _status integer, _proxyport integer, _starttime timestamptz, _iamalivetime timestamptz,
    _version integer)
RETURNS TABLE (row_count integer) LANGUAGE plpgsql AS $$
BEGIN
    UPDATE orleansmembershipversiontable SET version = version + 1, timestamp = now()
    WHERE deploymentid = _deploymentid AND version = _version;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END IF;
    INSERT INTO orleansmembershiptable (deploymentid, address, port, generation, siloname, hostname, status,
        proxyport, starttime, iamalivetime)
    VALUES (_deploymentid, _address, _port, _generation, _siloname, _hostname, _status, _proxyport, _starttime, _iamalivetime)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'unique_violation', MESSAGE = 'silo row exists';
    END IF;
    RETURN QUERY SELECT 1;
EXCEPTION WHEN unique_violation THEN
    RETURN QUERY SELECT 0;
END $$;

CREATE OR REPLACE FUNCTION ledger_membership_update(
    _deploymentid varchar, _address varchar, _port integer, _generation integer, _status integer,
    _suspecttimes varchar, _iamalivetime timestamptz, _version integer)
RETURNS TABLE (row_count integer) LANGUAGE plpgsql AS $$
BEGIN
    UPDATE orleansmembershipversiontable SET version = version + 1, timestamp = now()
    WHERE deploymentid = _deploymentid AND version = _version;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END IF;
    UPDATE orleansmembershiptable
    SET status = _status, suspecttimes = _suspecttimes, iamalivetime = _iamalivetime
    WHERE deploymentid = _deploymentid AND address = _address AND port = _port AND generation = _generation;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'no_data_found', MESSAGE = 'silo row missing';
    END IF;
    RETURN QUERY SELECT 1;
EXCEPTION WHEN no_data_found THEN
    RETURN QUERY SELECT 0;
END $$;

INSERT INTO orleansquery (querykey, querytext) VALUES
('InsertMembershipVersionKey', $q$
    WITH inserted AS (
        INSERT INTO orleansmembershipversiontable (deploymentid) VALUES (@DeploymentId)
        ON CONFLICT DO NOTHING RETURNING 1)
    SELECT count(*)::integer FROM inserted;
$q$),
('InsertMembershipKey', $q$
    SELECT row_count FROM ledger_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName,
        @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version);
$q$),
('UpdateMembershipKey', $q$
    SELECT row_count FROM ledger_membership_update(@DeploymentId, @Address, @Port, @Generation, @Status,
        @SuspectTimes, @IAmAliveTime, @Version);
$q$),
('UpdateIAmAlivetimeKey', $q$
    UPDATE orleansmembershiptable SET iamalivetime = @IAmAliveTime
    WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;
$q$),
('MembershipReadRowKey', $q$
    SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
           m.suspecttimes, m.starttime, m.iamalivetime, v.version
    FROM orleansmembershipversiontable v
    LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid
        AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    WHERE v.deploymentid = @DeploymentId;
$q$),
('MembershipReadAllKey', $q$
    SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
           m.suspecttimes, m.starttime, m.iamalivetime, v.version
    FROM orleansmembershipversiontable v
    LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid
    WHERE v.deploymentid = @DeploymentId;
$q$),
('GatewaysQueryKey', $q$
    SELECT address, proxyport, generation FROM orleansmembershiptable
    WHERE deploymentid = @DeploymentId AND status = @Status AND proxyport > 0;
$q$),
('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId;
    DELETE FROM orleansmembershipversiontable WHERE deploymentid = @DeploymentId;
$q$),
-- Rows of silos that stopped answering before the cut-off and are not Active (status 3).
('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM orleansmembershiptable
    WHERE deploymentid = @DeploymentId AND iamalivetime < @IAmAliveTime AND status <> 3;
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
