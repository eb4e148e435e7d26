//! Both migration trees produce the same schema, table by table and column by column.

use crate::helpers::{self, Backend, TestDb};
use isu_store::backend::describe_schema;

#[test]
fn sqlite_and_postgres_schemas_are_equivalent() {
    if !helpers::postgres_enabled() {
        return;
    }
    let sqlite = TestDb::new(Backend::Sqlite);
    let postgres = TestDb::new(Backend::Postgres);
    let sqlite_schema = describe_schema(&mut sqlite.pool().get().unwrap()).unwrap();
    let postgres_schema = describe_schema(&mut postgres.pool().get().unwrap()).unwrap();

    let sqlite_tables: Vec<_> = sqlite_schema.keys().collect();
    let postgres_tables: Vec<_> = postgres_schema.keys().collect();
    assert_eq!(sqlite_tables, postgres_tables, "the backends have different tables");
    assert!(!sqlite_tables.is_empty(), "migrations created no tables");
    for (table, columns) in &sqlite_schema {
        assert_eq!(columns, &postgres_schema[table], "table `{table}` differs between SQLite and PostgreSQL");
    }
}

#[test]
fn migrations_are_idempotent() {
    let db = TestDb::new(Backend::Sqlite);
    let pool = db.pool();
    let again = isu_store::migrate(&mut pool.get().unwrap()).unwrap();
    assert!(again.is_empty(), "a second run applied {again:?}");
}
