//! The roles of the scheme's actors. A role is who a client is (a vendor's case-management
//! system, a registrar, a region's FoU unit, another region's analyst, an administrator); what
//! each role may do is decided in the server's `auth` module, not here.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What a client is. Each operation in the contract states which roles may call it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Reference data, units, regions, clients, audit log. No case data.
    Admin,
    /// A case-management system, scoped to units: writes and reads their cases.
    Vendor,
    /// A person registering for units: writes and reads their cases.
    Registrar,
    /// A region's FoU: reads its region's cases and exact statistics.
    RegionAnalyst,
    /// Another region or a researcher: published statistics only.
    Analyst,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Admin, Role::Vendor, Role::Registrar, Role::RegionAnalyst, Role::Analyst];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Vendor => "vendor",
            Role::Registrar => "registrar",
            Role::RegionAnalyst => "region_analyst",
            Role::Analyst => "analyst",
        }
    }

    pub fn parse(raw: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == raw)
    }
}

#[cfg(test)]
mod tests {
    use super::Role;

    #[test]
    fn every_role_parses_from_its_name() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("Admin"), None);
    }
}
