-- The Orleans ADO.NET providers read their SQL from this table (key -> query text) at start.
CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64) NOT NULL PRIMARY KEY,
    querytext text        NOT NULL
);
