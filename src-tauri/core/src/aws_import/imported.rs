//! A line of an import's report: what one profile became.

/// What one profile became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub kind: &'static str,
    pub name: String,
    /// `added`, `updated`, `unchanged`, or `skipped: REASON`.
    pub outcome: String,
    /// Whether what the AWS files still hold of it may now leave them
    /// (`import --remove-keys`): an imported key pair, or a sign-in the
    /// AWS CLI holds that RoleTray can take over.
    pub removable: bool,
}
