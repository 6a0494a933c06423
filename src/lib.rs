//! dgplan: drafts a national digital government master plan and roadmap from
//! a country's profile and readiness results.

pub mod diagnostics;
pub mod tomldoc;
