//! Releases as stored: immutable rows, one per version of a scope-year.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::releases;
use super::DbConnection;

/// A stored release (the document is JSON text, served as it is).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = releases)]
pub struct StoredRelease {
    pub id: String,
    pub scope: String,
    pub year: i32,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub created_by: String,
    pub document: String,
    pub pattern: String,
    /// `suppression` or `cell_key`.
    pub method: String,
}

/// A release without its document, for listings.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = releases)]
pub struct ReleaseHeader {
    pub id: String,
    pub scope: String,
    pub year: i32,
    pub version: i32,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, release: &StoredRelease) -> QueryResult<()> {
    diesel::insert_into(releases::table)
        .values((
            releases::id.eq(&release.id),
            releases::scope.eq(&release.scope),
            releases::year.eq(release.year),
            releases::version.eq(release.version),
            releases::created_at.eq(release.created_at),
            releases::created_by.eq(&release.created_by),
            releases::document.eq(&release.document),
            releases::pattern.eq(&release.pattern),
            releases::method.eq(&release.method),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The latest version of a scope-year, if any.
pub fn latest(conn: &mut DbConnection, scope: &str, year: i32) -> QueryResult<Option<StoredRelease>> {
    releases::table
        .filter(releases::scope.eq(scope))
        .filter(releases::year.eq(year))
        .order(releases::version.desc())
        .select(StoredRelease::as_select())
        .first(conn)
        .optional()
}

pub fn get(conn: &mut DbConnection, id: &str) -> QueryResult<Option<StoredRelease>> {
    releases::table.find(id).select(StoredRelease::as_select()).first(conn).optional()
}

/// Releases, newest first, optionally of one scope and/or year.
pub fn list(conn: &mut DbConnection, scope: Option<&str>, year: Option<i32>) -> QueryResult<Vec<ReleaseHeader>> {
    let mut query = releases::table.select(ReleaseHeader::as_select()).into_boxed();
    if let Some(scope) = scope {
        query = query.filter(releases::scope.eq(scope.to_string()));
    }
    if let Some(year) = year {
        query = query.filter(releases::year.eq(year));
    }
    query.order((releases::year.desc(), releases::scope.asc(), releases::version.desc())).limit(1_000).load(conn)
}

/// The stored patterns and methods of every version of a scope-year, oldest first, with the
/// latest version number: a new version is protected together with all of them.
pub fn history(conn: &mut DbConnection, scope: &str, year: i32) -> QueryResult<Vec<(i32, String, String)>> {
    releases::table
        .filter(releases::scope.eq(scope))
        .filter(releases::year.eq(year))
        .order(releases::version.asc())
        .select((releases::version, releases::pattern, releases::method))
        .load(conn)
}
