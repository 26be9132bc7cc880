//! CLI tests: run the built binary on the example briefing and on fixtures under
//! `tests/fixtures/`, then open the PDFs it wrote and read what it printed.

mod accessibility;
mod advocacy;
mod author;
mod balance;
mod batch;
mod boundary;
mod build;
mod ci;
mod conventions;
mod editors;
mod exchange;
mod guide;
mod hostile_templates;
mod i18n;
mod killed;
mod languages;
mod layout;
mod leave_behind;
mod links;
mod messages;
mod missing;
mod overrides;
mod owned;
mod pages;
mod png;
mod qr;
mod reading;
mod rehearsal;
mod scripts;
mod slides;
mod snapshots;
mod support;
mod tables;
mod watch;
mod writes;
