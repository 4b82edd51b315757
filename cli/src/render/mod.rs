//! The output formats of `validate` and `diff`. Each of `validate`'s reads the same [`FileResult`]s; none prints a
//! secret value (messages never hold one, and quoted lines go through the masking of
//! [`crate::source::Source`]).
//!
//! [`FileResult`]: crate::report::FileResult

pub mod diff_markdown;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod traffic;
