//! The documentation keeps its promises: every relative link in README.md and
//! docs/*.md leads to a file that exists, every `docs/…` path the text names
//! exists, and every subcommand `roletray --help` lists is described in
//! docs/cli.md. Fast: no moto, no keychain; one `roletray --help` run.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::{roletray_bin, run_command_for, workspace_root};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// README.md and every docs/*.md, sorted.
fn markdown_files(root: &Path) -> Vec<PathBuf> {
    let mut files = vec![root.join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .expect("reading docs/")
        .map(|entry| entry.expect("a docs/ entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

/// `path` relative to the repository root, for messages.
fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The text outside fenced code blocks and inline code spans, where a
/// `[text](target)` is a link; code is blanked out (line breaks kept).
fn prose(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut fenced = false;
    for line in markdown.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
            out.push('\n');
            continue;
        }
        if fenced {
            out.push('\n');
            continue;
        }
        let mut in_code = false;
        for c in line.chars() {
            if c == '`' {
                in_code = !in_code;
                out.push(' ');
            } else if in_code && c != '\n' {
                out.push(' ');
            } else {
                out.push(c);
            }
        }
    }
    out
}

/// Every link target in `markdown`: inline links and images
/// (`[text](target)`, `![alt](target "title")`, `<target>` in brackets) and
/// reference definitions (`[name]: target`). Links in code are not links.
fn link_targets(markdown: &str) -> Vec<String> {
    let text = prose(markdown);
    let mut targets = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("](") {
        rest = &rest[at + 2..];
        let inner = rest.trim_start();
        let target = if let Some(angled) = inner.strip_prefix('<') {
            angled.split('>').next().unwrap_or("")
        } else {
            let end = inner
                .find(|c: char| c == ')' || c.is_whitespace())
                .unwrap_or(inner.len());
            &inner[..end]
        };
        if !target.is_empty() {
            targets.push(target.to_string());
        }
    }
    for line in text.lines() {
        let line = line.trim_start();
        if let Some(after) = line.strip_prefix('[')
            && let Some((label, definition)) = after.split_once("]:")
            && !label.is_empty()
            && !label.starts_with('^')
            && let Some(target) = definition.split_whitespace().next()
        {
            targets.push(target.trim_matches(['<', '>']).to_string());
        }
    }
    targets
}

/// Whether a link target leaves the repository or stays in its page.
fn is_external_or_anchor(target: &str) -> bool {
    let lower = target.to_ascii_lowercase();
    lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("mailto:")
        || target.starts_with('#')
}

/// "FILE: broken link TARGET" for every relative link of `file` (whose text
/// is `markdown`) that leads to no file, resolved from `file`'s directory.
fn broken_links(root: &Path, file: &Path, markdown: &str) -> Vec<String> {
    let dir = file.parent().expect("a markdown file has a directory");
    link_targets(markdown)
        .into_iter()
        .filter(|target| !is_external_or_anchor(target))
        .filter_map(|target| {
            let path = target.split('#').next().unwrap_or("");
            let path = path.split('?').next().unwrap_or("");
            if dir.join(path).exists() {
                None
            } else {
                Some(format!(
                    "{}: broken link ({target}): {} does not exist",
                    shown(root, file),
                    shown(root, &dir.join(path))
                ))
            }
        })
        .collect()
}

/// Every `docs/…` path named in `markdown` (prose, code spans or code
/// blocks), as written, without trailing punctuation or an anchor. A `docs/`
/// inside a longer path or a URL (`https://example.com/docs/x`) is not one.
fn docs_paths(markdown: &str) -> Vec<String> {
    let is_path_char = |c: char| c.is_ascii_alphanumeric() || "_.-/#".contains(c);
    let continues_a_word = |c: char| c.is_ascii_alphanumeric() || "_-./:".contains(c);
    let mut paths = Vec::new();
    for (at, _) in markdown.match_indices("docs/") {
        let before = &markdown[..at];
        let before = before.strip_suffix("./").unwrap_or(before);
        if before.chars().next_back().is_some_and(continues_a_word) {
            continue;
        }
        let tail = &markdown[at..];
        let end = tail.find(|c: char| !is_path_char(c)).unwrap_or(tail.len());
        let path = tail[..end].split('#').next().unwrap_or("");
        let path = path.trim_end_matches(['.', ',']);
        paths.push(path.to_string());
    }
    paths
}

/// "FILE: names PATH, which does not exist" for every `docs/…` path in
/// `markdown` missing under the repository root.
fn missing_docs_paths(root: &Path, file: &Path, markdown: &str) -> Vec<String> {
    docs_paths(markdown)
        .into_iter()
        .filter(|path| !root.join(path).exists())
        .map(|path| format!("{}: names {path}, which does not exist", shown(root, file)))
        .collect()
}

/// The subcommands in clap's help output: the first word of each entry of
/// its "Commands:" section (entries are indented two spaces; wrapped
/// descriptions deeper), without `help`.
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|line| line.trim() != "Commands:")
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .filter(|line| line.starts_with("  ") && !line.starts_with("   "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

/// Whether `text` mentions `roletray NAME` as a whole command word.
fn mentions_command(text: &str, name: &str) -> bool {
    let needle = format!("roletray {name}");
    text.match_indices(&needle).any(|(at, _)| {
        !text[at + needle.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    })
}

#[test]
fn every_relative_link_leads_to_a_file() {
    let root = workspace_root();
    let mut broken = Vec::new();
    for file in markdown_files(&root) {
        let text = std::fs::read_to_string(&file).expect("reading a markdown file");
        broken.extend(broken_links(&root, &file, &text));
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn every_docs_path_named_exists() {
    let root = workspace_root();
    let mut missing = Vec::new();
    for file in markdown_files(&root) {
        let text = std::fs::read_to_string(&file).expect("reading a markdown file");
        missing.extend(missing_docs_paths(&root, &file, &text));
    }
    assert!(
        missing.is_empty(),
        "docs/ paths that do not exist:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_subcommand_is_in_the_cli_reference() {
    let bin = roletray_bin();
    assert!(
        bin.exists(),
        "{} is missing: build it first (cargo build -p roletray), or point ROLETRAY_BIN at it",
        bin.display()
    );
    let mut cmd = Command::new(&bin);
    cmd.arg("--help");
    let out = run_command_for(cmd, None, Duration::from_secs(30));
    assert!(out.success(), "roletray --help failed: {}", out.stderr);
    let names = subcommands(&out.stdout);
    assert!(
        names.len() >= 10,
        "found only {names:?} in the Commands: section of roletray --help:\n{}",
        out.stdout
    );
    let reference = workspace_root().join("docs/cli.md");
    let text = std::fs::read_to_string(&reference).expect("reading docs/cli.md");
    let undocumented: Vec<String> = names
        .iter()
        .filter(|name| !mentions_command(&text, name))
        .map(|name| format!("docs/cli.md: no `roletray {name}` (listed by roletray --help)"))
        .collect();
    assert!(
        undocumented.is_empty(),
        "subcommands missing from the CLI reference:\n{}",
        undocumented.join("\n")
    );
}

// The checks themselves can fail: a synthetic page with one broken link of
// each kind, beside links they must leave alone.
#[test]
fn the_link_check_finds_a_broken_link() {
    let root = tempfile::tempdir().expect("a temporary directory");
    std::fs::create_dir_all(root.path().join("docs/screenshots")).unwrap();
    std::fs::write(root.path().join("docs/cli.md"), "# The CLI\n").unwrap();
    std::fs::write(root.path().join("docs/screenshots/a.png"), "png").unwrap();
    let page = root.path().join("docs/page.md");
    let markdown = "\
# A page

See [the CLI](cli.md#commands), ![a view](screenshots/a.png \"A view\"),
[a missing page](missing.md#somewhere) and ![a missing picture](screenshots/b.png).
[Elsewhere](https://example.com/x.md), [mail](mailto:a@example.com), [here](#a-page).

```sh
echo \"[not a link](nowhere.md)\"
```

Not a link either: `[x](gone.md)`.

[ref]: ../README.md
";
    let broken = broken_links(root.path(), &page, markdown);
    assert_eq!(broken.len(), 3, "{broken:#?}");
    assert!(broken[0].contains("docs/page.md") && broken[0].contains("missing.md#somewhere"));
    assert!(broken[1].contains("screenshots/b.png"));
    assert!(broken[2].contains("../README.md"), "{broken:#?}");

    let named = "Figures in `docs/performance.md`, the CLI in docs/cli.md, \
        pictures under docs/screenshots/, ./docs/cli.md#quick-start. \
        Not https://example.com/docs/x.md nor src/docs/y.md.";
    assert_eq!(
        docs_paths(named),
        [
            "docs/performance.md",
            "docs/cli.md",
            "docs/screenshots/",
            "docs/cli.md"
        ]
    );
    let missing = missing_docs_paths(root.path(), &page, named);
    assert_eq!(missing.len(), 1, "{missing:#?}");
    assert!(missing[0].starts_with("docs/page.md: names docs/performance.md"));
}

#[test]
fn the_command_check_reads_clap_help() {
    let help = "\
RoleTray: AWS IAM roles

Usage: roletray [OPTIONS] [COMMAND]

Commands:
  source              Sources: an IAM user's access keys
  credential-process  Credentials for the AWS CLI's credential_process, a
                      long description wrapped onto a second line
  help                Print this message or the help of the given subcommand(s)

Options:
  -v, --verbose...  Log what RoleTray does
";
    assert_eq!(subcommands(help), ["source", "credential-process"]);
    let text = "roletray source add NAME\nroletray credential-processes NAME";
    assert!(mentions_command(text, "source"));
    assert!(!mentions_command(text, "credential-process"));
}
