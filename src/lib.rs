//! `brief`: structured TOML briefings → multilingual PDF handouts and slide decks.
//!
//! The pipeline, one module per stage: `load` (TOML → model and its catalogue of texts,
//! with spans) → `resolve` (language, labels, numbers, markup) → `render` (Typst templates
//! and fonts; slide bodies fitted) → `export` (PDF, written atomically). `pipeline` runs
//! the stages for every output; `terminal` prints what happened. `watch` rebuilds on
//! every save and `serve` shows the pages in a browser. Only the command line
//! ([`cli`]) and its commands ([`cmd`]) are public: they are what the binary needs.

pub mod cli;
pub mod cmd;

mod assets;
// The templates' data contract: what `/data.json` holds.
#[path = "../templates/data.rs"]
mod data;
mod diag;
mod export;
mod folder;
#[cfg(test)]
mod fuzz;
#[cfg(test)]
mod guide;
mod i18n;
mod labels;
#[cfg(test)]
mod layout_test;
mod load;
mod markup;
mod model;
mod pipeline;
mod render;
mod resolve;
mod serve;
mod suggest;
mod terminal;
mod watch;
