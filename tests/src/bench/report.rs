//! The table the benchmarks print: one row per figure, with what it was
//! compared with, and notes on what could not be measured.

use std::fmt::Write as _;

/// One line of the table.
#[derive(Clone, Debug)]
pub struct Row {
    pub area: &'static str,
    pub what: String,
    pub roletray: String,
    /// The comparison (tool and its figure), or "—".
    pub baseline: String,
    /// "126× faster", or "—".
    pub ratio: String,
}

impl Row {
    pub fn new(area: &'static str, what: impl Into<String>, roletray: impl Into<String>) -> Row {
        Row {
            area,
            what: what.into(),
            roletray: roletray.into(),
            baseline: "—".into(),
            ratio: "—".into(),
        }
    }

    pub fn against(mut self, baseline: impl Into<String>, ratio: impl Into<String>) -> Row {
        self.baseline = baseline.into();
        self.ratio = ratio.into();
        self
    }
}

/// Rows and notes gathered by every section.
#[derive(Default)]
pub struct Report {
    pub rows: Vec<Row>,
    pub notes: Vec<String>,
}

impl Report {
    pub fn row(&mut self, row: Row) {
        eprintln!(
            "bench: {} | {} | {} | {} | {}",
            row.area, row.what, row.roletray, row.baseline, row.ratio
        );
        self.rows.push(row);
    }

    pub fn note(&mut self, note: impl Into<String>) {
        let note = note.into();
        eprintln!("bench: note: {note}");
        self.notes.push(note);
    }

    /// The Markdown table, then the notes as a list.
    pub fn markdown(&self) -> String {
        let mut out = String::from(
            "| area | measurement | RoleTray | compared with | ratio |\n| --- | --- | --- | --- | --- |\n",
        );
        for r in &self.rows {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                r.area,
                cell(&r.what),
                cell(&r.roletray),
                cell(&r.baseline),
                cell(&r.ratio)
            );
        }
        if !self.notes.is_empty() {
            out.push('\n');
            for n in &self.notes {
                let _ = writeln!(out, "- {n}");
            }
        }
        out
    }
}

/// A table cell: no pipe or newline may break the row.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
