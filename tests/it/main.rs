//! One integration test binary: every test reads back what a user gets.

mod support;

mod case_errors;
mod documents;
mod reproducible;
mod schema;
