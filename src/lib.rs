//! dgplan: drafts a national digital government master plan and roadmap from
//! a country's profile and readiness results.
//!
//! The pipeline: [`input`] reads and checks a country folder, [`framework`]
//! reads and checks the recommendation framework, [`engine`] builds one
//! [`plan::Plan`] (pure, no I/O), and [`output`] writes it.

// A Diagnostic carries its file, position, excerpt and hint. It is built only on
// the error path, once per problem, so its size on the stack does not matter.
#![allow(clippy::result_large_err)]

pub mod audit;
pub mod cli;
pub mod compare;
pub mod diagnostics;
pub mod draft;
pub mod engine;
pub mod explain;
pub mod framework;
pub mod fuzz;
pub mod input;
pub mod language;
pub mod output;
pub mod pipeline;
pub mod plan;
pub mod plan_check;
pub mod ranges;
pub mod reference;
pub mod render;
pub mod samples;
pub mod tomldoc;
pub mod vocabulary;
pub mod words;
