//! One integration test binary: every test reads back what a user gets.

mod support;

mod batch;
mod case_errors;
mod corpus;
mod documents;
mod reproducible;
mod schema;
