//! Which source file of a crate refers to which: read from the text of its
//! `use` declarations and paths (`crate::…`, `super::…`, `self::…`, and a
//! child module's name), each resolved to the file that holds the module it
//! names. Enough of Rust's syntax is understood for that (comments, strings,
//! inline modules); nothing is compiled. `cycles` then names every group of
//! files that refer to each other in a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module's path from the crate root (`["app", "tray", "menu"]`).
type ModPath = Vec<String>;

/// The crate's files and what each refers to.
#[derive(Debug, Default)]
pub struct ModuleGraph {
    /// Each module (files and inline modules) and the file that holds it.
    modules: BTreeMap<ModPath, PathBuf>,
    /// File → the files it refers to (never itself).
    edges: BTreeMap<PathBuf, BTreeSet<PathBuf>>,
}

impl ModuleGraph {
    /// Reads every `.rs` file under `src` (the crate's `src/` folder).
    pub fn of_crate(src: &Path) -> std::io::Result<ModuleGraph> {
        let mut files = Vec::new();
        collect(src, &mut files)?;
        let mut sources = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file)?;
            let rel = file.strip_prefix(src).unwrap_or(&file).to_path_buf();
            sources.push((rel, text));
        }
        Ok(ModuleGraph::of_sources(&sources))
    }

    /// The graph of files given as (path relative to `src/`, text).
    pub fn of_sources(sources: &[(PathBuf, String)]) -> ModuleGraph {
        let mut graph = ModuleGraph::default();
        let mut parsed = Vec::new();
        for (file, text) in sources {
            let base = file_module(file);
            let code = strip(text);
            let scanned = scan(&code);
            graph.modules.insert(base.clone(), file.clone());
            for inline in &scanned.inline_modules {
                let mut path = base.clone();
                path.extend(inline.iter().cloned());
                graph.modules.insert(path, file.clone());
            }
            parsed.push((file.clone(), base, scanned));
        }
        for (file, base, scanned) in parsed {
            let mut targets = BTreeSet::new();
            for reference in &scanned.references {
                let mut here = base.clone();
                here.extend(reference.within.iter().cloned());
                if let Some(target) = graph.resolve(&here, &reference.path)
                    && target != file
                {
                    targets.insert(target);
                }
            }
            graph.edges.insert(file, targets);
        }
        graph
    }

    /// The files `file` refers to.
    pub fn refers_to(&self, file: &Path) -> Vec<&Path> {
        self.edges
            .get(file)
            .map(|t| t.iter().map(PathBuf::as_path).collect())
            .unwrap_or_default()
    }

    /// The file holding the module that `path`, written in module `here`,
    /// names (the deepest module on the path that exists).
    fn resolve(&self, here: &ModPath, path: &[String]) -> Option<PathBuf> {
        let first = path.first()?;
        let mut absolute: ModPath = match first.as_str() {
            "crate" => Vec::new(),
            "self" => here.clone(),
            "super" => {
                let mut up = here.clone();
                let mut rest = path;
                while rest.first().map(String::as_str) == Some("super") {
                    up.pop()?;
                    rest = &rest[1..];
                }
                up.extend(rest.iter().cloned());
                return self.deepest(&up);
            }
            // A child module of the module the path is written in.
            name => {
                let mut child = here.clone();
                child.push(name.to_owned());
                if !self.modules.contains_key(&child) {
                    return None;
                }
                here.clone()
            }
        };
        let skip = usize::from(matches!(first.as_str(), "crate" | "self"));
        absolute.extend(path[skip..].iter().cloned());
        self.deepest(&absolute)
    }

    fn deepest(&self, path: &[String]) -> Option<PathBuf> {
        (0..=path.len())
            .rev()
            .find_map(|n| self.modules.get(&path[..n]))
            .cloned()
    }

    /// Every group of two or more files that refer to each other in a
    /// circle (strongly connected), each group sorted, with the references
    /// that close the circle: `a.rs → b.rs → a.rs`.
    pub fn cycles(&self, within: &Path) -> Vec<String> {
        let nodes: Vec<&PathBuf> = self
            .edges
            .keys()
            .filter(|f| f.starts_with(within))
            .collect();
        let inside = |f: &PathBuf| f.starts_with(within);
        let mut found = Vec::new();
        let mut done: BTreeSet<&PathBuf> = BTreeSet::new();
        for start in &nodes {
            if done.contains(start) {
                continue;
            }
            let from_start = self.reachable(start, &inside);
            let group: BTreeSet<&PathBuf> = from_start
                .iter()
                .copied()
                .filter(|other| *other != *start && self.reachable(other, &inside).contains(start))
                .collect();
            done.insert(start);
            if group.is_empty() {
                continue;
            }
            done.extend(group.iter().copied());
            let mut members: Vec<&PathBuf> = group.into_iter().collect();
            members.push(start);
            members.sort();
            found.push(self.describe_circle(&members));
        }
        found
    }

    fn reachable<'a>(
        &'a self,
        from: &'a PathBuf,
        inside: &dyn Fn(&PathBuf) -> bool,
    ) -> BTreeSet<&'a PathBuf> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from];
        while let Some(f) = todo.pop() {
            for t in self.edges.get(f).into_iter().flatten() {
                if inside(t) && seen.insert(t) {
                    todo.push(t);
                }
            }
        }
        seen
    }

    /// One circle through `members`, shortest first found, written out.
    fn describe_circle(&self, members: &[&PathBuf]) -> String {
        let set: BTreeSet<&PathBuf> = members.iter().copied().collect();
        let start = members[0];
        // Breadth first from start back to start, within the group.
        let mut prev: BTreeMap<&PathBuf, &PathBuf> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        let mut closing = None;
        while let Some(f) = queue.pop_front() {
            for t in self.edges.get(f).into_iter().flatten() {
                if !set.contains(t) {
                    continue;
                }
                if t == start {
                    closing = Some(f);
                    break;
                }
                if !prev.contains_key(t) {
                    prev.insert(t, f);
                    queue.push_back(t);
                }
            }
            if closing.is_some() {
                break;
            }
        }
        let mut path = vec![start];
        let mut at = closing.unwrap_or(start);
        let mut back = Vec::new();
        while at != start {
            back.push(at);
            at = prev.get(at).copied().unwrap_or(start);
        }
        path.extend(back.into_iter().rev());
        path.push(start);
        let names: Vec<String> = path.iter().map(|p| p.display().to_string()).collect();
        let all: Vec<String> = members.iter().map(|p| p.display().to_string()).collect();
        format!(
            "{} (files in the circle: {})",
            names.join(" → "),
            all.join(", ")
        )
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

/// The module a file holds: `lib.rs` → the root, `a/mod.rs` → `a`,
/// `a/b.rs` → `a::b`.
fn file_module(file: &Path) -> ModPath {
    let mut parts: ModPath = file
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.strip_suffix(".rs").unwrap_or(&last).to_owned();
    if !(stem == "mod" || (parts.is_empty() && (stem == "lib" || stem == "main"))) {
        parts.push(stem);
    }
    parts
}

/// The code with comments, string and character literals blanked out
/// (their contents could look like paths or braces).
fn strip(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !ident_before(&chars, i) {
            // A raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                match chars.get(j) {
                    None => break,
                    Some('"') if (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')) => {
                        j += 1 + hashes;
                        break;
                    }
                    Some(_) => j += 1,
                }
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{7f}'), not a lifetime.
            let close = if next == Some('\\') {
                (i + 2..chars.len().min(i + 12)).find(|&j| chars[j] == '\'')
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match close {
                Some(j) => {
                    out.push_str("' '");
                    i = j + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// A path that may name a module, and the inline modules it is written in.
#[derive(Debug)]
struct Reference {
    within: ModPath,
    path: Vec<String>,
}

#[derive(Debug, Default)]
struct Scanned {
    /// Inline modules (`mod bus { … }`), as paths below the file's module.
    inline_modules: Vec<ModPath>,
    references: Vec<Reference>,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    PathSep,
    Punct(char),
}

fn tokens(code: &str) -> Vec<Token> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Token::Ident(chars[start..i].iter().collect()));
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push(Token::PathSep);
            i += 2;
        } else if c.is_whitespace() || c.is_numeric() {
            i += 1;
        } else {
            out.push(Token::Punct(c));
            i += 1;
        }
    }
    out
}

fn scan(code: &str) -> Scanned {
    let toks = tokens(code);
    let mut scanned = Scanned::default();
    // The inline modules open here, with the brace depth each opened at.
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < toks.len() {
        let within: ModPath = open.iter().map(|(n, _)| n.clone()).collect();
        match &toks[i] {
            Token::Punct('{') => {
                depth += 1;
                i += 1;
            }
            Token::Punct('}') => {
                depth = depth.saturating_sub(1);
                if open.last().is_some_and(|(_, d)| *d == depth) {
                    open.pop();
                }
                i += 1;
            }
            Token::Ident(kw) if kw == "mod" => {
                if let (Some(Token::Ident(name)), Some(Token::Punct('{'))) =
                    (toks.get(i + 1), toks.get(i + 2))
                {
                    let mut path = within.clone();
                    path.push(name.clone());
                    scanned.inline_modules.push(path);
                    open.push((name.clone(), depth));
                    depth += 1;
                    i += 3;
                } else {
                    i += 1;
                }
            }
            Token::Ident(kw) if kw == "use" => {
                let end = (i..toks.len())
                    .find(|&j| toks[j] == Token::Punct(';'))
                    .unwrap_or(toks.len());
                for path in use_paths(&toks[i + 1..end]) {
                    scanned.references.push(Reference {
                        within: within.clone(),
                        path,
                    });
                }
                i = end + 1;
            }
            Token::Ident(first) => {
                let after_sep = i > 0 && toks[i - 1] == Token::PathSep;
                let mut path = vec![first.clone()];
                let mut j = i + 1;
                while toks.get(j) == Some(&Token::PathSep) {
                    match toks.get(j + 1) {
                        Some(Token::Ident(n)) => {
                            path.push(n.clone());
                            j += 2;
                        }
                        _ => break,
                    }
                }
                if !after_sep && path.len() > 1 {
                    scanned.references.push(Reference { within, path });
                }
                i = j.max(i + 1);
            }
            _ => i += 1,
        }
    }
    scanned
}

/// The paths a `use` tree names: `a::{b, c::d}` → `a::b`, `a::c::d`.
fn use_paths(toks: &[Token]) -> Vec<Vec<String>> {
    fn tree(toks: &[Token], i: &mut usize, prefix: &[String], out: &mut Vec<Vec<String>>) {
        let mut path = prefix.to_vec();
        while *i < toks.len() {
            match &toks[*i] {
                Token::Ident(n) if n == "as" => {
                    *i += 2;
                }
                Token::Ident(n) => {
                    path.push(n.clone());
                    *i += 1;
                }
                Token::PathSep => *i += 1,
                Token::Punct('{') => {
                    *i += 1;
                    loop {
                        tree(toks, i, &path, out);
                        match toks.get(*i) {
                            Some(Token::Punct(',')) => *i += 1,
                            Some(Token::Punct('}')) => {
                                *i += 1;
                                break;
                            }
                            _ => break,
                        }
                    }
                    return;
                }
                Token::Punct('*') => *i += 1,
                Token::Punct(_) => break,
            }
        }
        if !path.is_empty() && path.len() > prefix.len() {
            out.push(path);
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    // `pub`, `pub(crate)` before `use` are not part of the tree; a leading `::`
    // names an external crate.
    tree(toks, &mut i, &[], &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(files: &[(&str, &str)]) -> ModuleGraph {
        let sources: Vec<(PathBuf, String)> = files
            .iter()
            .map(|(p, t)| (PathBuf::from(p), (*t).to_owned()))
            .collect();
        ModuleGraph::of_sources(&sources)
    }

    #[test]
    fn a_circle_of_uses_is_found_and_named() {
        let g = graph(&[
            ("lib.rs", "mod a; mod b; mod c;"),
            ("a.rs", "use crate::b::thing;"),
            ("b.rs", "use super::c::{x, y};"),
            ("c.rs", "fn f() { crate::a::g(); }"),
        ]);
        let cycles = g.cycles(Path::new(""));
        assert_eq!(cycles.len(), 1, "{cycles:?}");
        assert!(
            cycles[0].starts_with("a.rs → b.rs → c.rs → a.rs"),
            "{cycles:?}"
        );
    }

    #[test]
    fn one_way_references_are_no_circle() {
        let g = graph(&[
            ("lib.rs", "mod app;"),
            (
                "app/mod.rs",
                "mod tray; mod state; use tray::render; fn f() { state::x(); }",
            ),
            ("app/tray.rs", "use super::state::Ctx;"),
            (
                "app/state.rs",
                "pub struct Ctx; #[cfg(test)] mod tests { use super::*; }",
            ),
        ]);
        assert!(g.cycles(Path::new("app")).is_empty());
        assert_eq!(
            g.refers_to(Path::new("app/mod.rs")),
            [Path::new("app/state.rs"), Path::new("app/tray.rs")]
        );
    }

    #[test]
    fn an_inline_module_reaching_its_file_is_no_circle() {
        let g = graph(&[
            ("lib.rs", "mod watch; mod other;"),
            (
                "watch.rs",
                "fn changed() {} mod bus { fn f() { super::changed(); } } use crate::other::x;",
            ),
            ("other.rs", "pub fn x() {}"),
        ]);
        assert!(g.cycles(Path::new("")).is_empty());
        assert_eq!(g.refers_to(Path::new("watch.rs")), [Path::new("other.rs")]);
    }

    #[test]
    fn paths_in_comments_and_strings_are_not_references() {
        let g = graph(&[
            ("lib.rs", "mod a; mod b;"),
            ("a.rs", "use crate::b::x;"),
            (
                "b.rs",
                "// crate::a::y\n/* super::a::z */ const S: &str = \"crate::a::w\"; const C: char = '{';",
            ),
        ]);
        assert!(g.cycles(Path::new("")).is_empty());
        assert!(g.refers_to(Path::new("b.rs")).is_empty());
    }

    #[test]
    fn a_child_named_in_a_path_is_a_reference() {
        let g = graph(&[
            ("lib.rs", "mod host;"),
            ("host/mod.rs", "mod link; fn f() { link::open(); }"),
            ("host/link.rs", "use super::Keep; fn open() {}"),
        ]);
        let cycles = g.cycles(Path::new("host"));
        assert_eq!(cycles.len(), 1, "{cycles:?}");
        assert!(cycles[0].contains("host/link.rs"), "{cycles:?}");
    }
}
