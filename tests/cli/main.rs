//! CLI tests: run the built binary on the example briefing and on fixtures under
//! `tests/fixtures/`, then open the PDFs it wrote and read what it printed.

mod author;
mod batch;
mod boundary;
mod build;
mod i18n;
mod languages;
mod rehearsal;
mod snapshots;
mod support;
