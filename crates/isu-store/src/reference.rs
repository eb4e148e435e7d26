//! Loads the embedded reference data into the database at start-up: counties and municipalities
//! always follow the embedded SCB list; the seed regions and the manual-method registry are
//! inserted once, into empty tables, after which admins own them.

use diesel::prelude::*;

use super::schema::{counties, manual_method_aliases, manual_methods, municipalities, region_municipalities, regions};
use super::DbConnection;
use isu_domain::{self as domain, geography, manual_methods as methods};

/// What a sync changed, for the start-up log.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub municipalities_written: usize,
    pub regions_seeded: usize,
    pub methods_seeded: usize,
}

pub fn sync(conn: &mut DbConnection) -> QueryResult<SyncReport> {
    conn.transaction(|conn| {
        let mut report = SyncReport::default();
        let existing_counties: Vec<(String, String)> =
            counties::table.select((counties::code, counties::name)).load(conn)?;
        for county in geography::counties() {
            match existing_counties.iter().find(|(code, _)| *code == county.code) {
                Some((_, name)) if *name == county.name => {}
                Some(_) => {
                    diesel::update(counties::table.find(&county.code))
                        .set(counties::name.eq(&county.name))
                        .execute(conn)?;
                }
                None => {
                    diesel::insert_into(counties::table)
                        .values((counties::code.eq(&county.code), counties::name.eq(&county.name)))
                        .execute(conn)?;
                }
            }
        }
        let existing: Vec<(String, String, String)> = municipalities::table
            .select((municipalities::code, municipalities::name, municipalities::county_code))
            .load(conn)?;
        for m in geography::municipalities() {
            match existing.iter().find(|(code, _, _)| *code == m.code) {
                Some((_, name, county)) if *name == m.name && *county == m.county_code => {}
                Some(_) => {
                    diesel::update(municipalities::table.find(&m.code))
                        .set((municipalities::name.eq(&m.name), municipalities::county_code.eq(&m.county_code)))
                        .execute(conn)?;
                    report.municipalities_written += 1;
                }
                None => {
                    diesel::insert_into(municipalities::table)
                        .values((
                            municipalities::code.eq(&m.code),
                            municipalities::name.eq(&m.name),
                            municipalities::county_code.eq(&m.county_code),
                        ))
                        .execute(conn)?;
                    report.municipalities_written += 1;
                }
            }
        }

        let now = super::now();
        let region_count: i64 = regions::table.count().get_result(conn)?;
        if region_count == 0 {
            for region in geography::seed_regions() {
                diesel::insert_into(regions::table)
                    .values((
                        regions::id.eq(&region.id),
                        regions::name.eq(&region.name),
                        regions::created_at.eq(now),
                        regions::updated_at.eq(now),
                    ))
                    .execute(conn)?;
                for code in &region.municipalities {
                    diesel::insert_into(region_municipalities::table)
                        .values((
                            region_municipalities::municipality_code.eq(code),
                            region_municipalities::region_id.eq(&region.id),
                        ))
                        .execute(conn)?;
                }
                report.regions_seeded += 1;
            }
        }

        let method_count: i64 = manual_methods::table.count().get_result(conn)?;
        if method_count == 0 {
            for method in methods::seed() {
                diesel::insert_into(manual_methods::table)
                    .values((
                        manual_methods::id.eq(&method.id),
                        manual_methods::name.eq(&method.name),
                        manual_methods::description_sv.eq(&method.description.sv),
                        manual_methods::description_en.eq(&method.description.en),
                        manual_methods::intervention_code.eq(&method.intervention_code),
                        manual_methods::created_at.eq(now),
                        manual_methods::updated_at.eq(now),
                    ))
                    .execute(conn)?;
                for name in method.names() {
                    diesel::insert_into(manual_method_aliases::table)
                        .values((
                            manual_method_aliases::normalised.eq(domain::normalise_method_name(name)),
                            manual_method_aliases::alias.eq(name),
                            manual_method_aliases::method_id.eq(&method.id),
                        ))
                        .execute(conn)?;
                }
                report.methods_seeded += 1;
            }
            super::methods::changed(conn)?;
        }
        Ok(report)
    })
}
