//! How a query matches a candidate: each word of the query must match one
//! of the role's texts (its name, the ARN's role name, the account id, the
//! account's name, the environment label, the source), fuzzily, as fzf
//! matches (nucleo's scoring). A word of digits and dashes is an account
//! id as the console shows it (`4444-5555-6666`): the dashes go. A word
//! of four letters or more that matches nothing may have one letter too
//! many, wrong or swapped: each form with one letter left out is tried
//! (at half the score).

use super::candidates::Candidate;
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Matcher, Utf32Str};

/// Words shorter than this are matched as typed only.
const TYPO_MIN_LEN: usize = 4;

/// A parsed query.
pub struct Query {
    words: Vec<Word>,
}

struct Word {
    exact: Atom,
    /// The word with one letter left out, each way (empty when short).
    typos: Vec<Atom>,
}

fn atom(text: &str) -> Atom {
    Atom::new(
        text,
        CaseMatching::Ignore,
        Normalization::Smart,
        AtomKind::Fuzzy,
        false,
    )
}

impl Query {
    pub fn parse(text: &str) -> Query {
        let words = text
            .split_whitespace()
            .map(|w| {
                let w = if w.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
                    w.replace('-', "")
                } else {
                    w.to_owned()
                };
                let chars: Vec<char> = w.chars().collect();
                let mut typos: Vec<String> = Vec::new();
                if chars.len() >= TYPO_MIN_LEN {
                    for skip in 0..chars.len() {
                        let variant: String = chars
                            .iter()
                            .enumerate()
                            .filter(|(i, _)| *i != skip)
                            .map(|(_, c)| *c)
                            .collect();
                        if !typos.contains(&variant) {
                            typos.push(variant);
                        }
                    }
                }
                Word {
                    exact: atom(&w),
                    typos: typos.iter().map(|t| atom(t)).collect(),
                }
            })
            .filter(|w| !w.exact.needle_text().is_empty())
            .collect();
        Query { words }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The candidate's score, when every word matches; with `typos`, a
    /// word that matches nothing as typed may match with a letter left out.
    pub fn score(&self, c: &Candidate, matcher: &mut Matcher, typos: bool) -> Option<u32> {
        let mut total = 0;
        for word in &self.words {
            let best = best_field(&word.exact, c, matcher).or_else(|| {
                if !typos {
                    return None;
                }
                word.typos
                    .iter()
                    .filter_map(|a| best_field(a, c, matcher))
                    .max()
                    .map(|s| s / 2)
            })?;
            total += best;
        }
        Some(total)
    }

    /// Which characters of the name the words matched (for highlighting),
    /// sorted, each once.
    pub fn name_matches(&self, c: &Candidate, matcher: &mut Matcher) -> Vec<u32> {
        let mut out = Vec::new();
        let Some((_, name)) = c.fields.first() else {
            return out;
        };
        for word in &self.words {
            word.exact.indices(name.slice(..), matcher, &mut out);
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The best weighted score of `atom` over the candidate's fields.
fn best_field(atom: &Atom, c: &Candidate, matcher: &mut Matcher) -> Option<u32> {
    c.fields
        .iter()
        .filter_map(|(field, text)| {
            let haystack: Utf32Str<'_> = text.slice(..);
            atom.score(haystack, matcher)
                .map(|s| u32::from(s) * field.weight() / 4)
        })
        .max()
}
