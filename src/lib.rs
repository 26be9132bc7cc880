//! `brief`: structured TOML briefings → multilingual PDF handouts and slide decks.
//!
//! The pipeline, one module per stage: [`load`] (TOML → model, with spans) →
//! [`resolve`] (language, labels, numbers, markup) → [`render`] (Typst templates and
//! fonts) → [`fit`] (slide bodies sized to fit) → [`export`] (PDF, written atomically) → [`diag`] (report).

pub mod cli;
pub mod cmd;
pub mod diag;
pub mod eject;
pub mod export;
pub mod fit;
pub mod fonts;
pub mod i18n;
pub mod labels;
pub mod load;
pub mod locale;
pub mod markup;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod resolve;
pub mod states;
pub mod suggest;
