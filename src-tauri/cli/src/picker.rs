//! The terminal picker behind `roletray pick`: a search line and the best
//! matches, drawn on stderr's terminal (stdout stays free for what is
//! printed, so `eval "$(roletray pick --export)"` works), in the
//! terminal's alternate screen so the scrollback is left as it was.

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::style::{Attribute, Print, SetAttribute};
use crossterm::terminal::{self, Clear, ClearType};
use crossterm::{cursor, queue};
use roletray_core::pick::{PickHit, PickRole};
use roletray_core::{Error, Result};
use std::io::Write;

/// Rows above and below the matches: the title, the search line, the count.
const CHROME_ROWS: u16 = 3;

/// Asks the person to pick one of the roles `search(query, rows)` finds;
/// `None` when they leave with Esc.
pub fn run(
    initial: &str,
    mut search: impl FnMut(&str, usize) -> Vec<PickHit>,
) -> Result<Option<String>> {
    let _screen = Screen::enter()?;
    let mut query = initial.to_owned();
    let mut selected = 0usize;
    let mut hits = Vec::new();
    let mut dirty = true;
    loop {
        let (width, height) = terminal::size().map_err(io)?;
        let rows = usize::from(height.saturating_sub(CHROME_ROWS).max(1));
        if dirty {
            hits = search(&query, rows);
            selected = selected.min(hits.len().saturating_sub(1));
            dirty = false;
        }
        draw(&query, &hits, selected, width).map_err(io)?;
        let Event::Key(key) = event::read().map_err(io)? else {
            continue;
        };
        if key.kind == KeyEventKind::Release {
            continue;
        }
        match step(key) {
            Step::Type(c) => {
                query.push(c);
                dirty = true;
                selected = 0;
            }
            Step::Erase => {
                dirty = query.pop().is_some();
                selected = 0;
            }
            Step::EraseAll => {
                dirty = !query.is_empty();
                query.clear();
                selected = 0;
            }
            Step::Up => selected = selected.saturating_sub(1),
            Step::Down => selected = (selected + 1).min(hits.len().saturating_sub(1)),
            Step::Choose => {
                if let Some(hit) = hits.get(selected) {
                    return Ok(Some(hit.role.name.clone()));
                }
            }
            Step::Leave => return Ok(None),
            Step::Nothing => {}
        }
    }
}

/// What a key does.
#[derive(Debug, PartialEq, Eq)]
enum Step {
    Type(char),
    Erase,
    EraseAll,
    Up,
    Down,
    Choose,
    Leave,
    Nothing,
}

fn step(key: KeyEvent) -> Step {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('c' | 'd' | 'g') if ctrl => Step::Leave,
        KeyCode::Char('u') if ctrl => Step::EraseAll,
        KeyCode::Char('p' | 'k') if ctrl => Step::Up,
        KeyCode::Char('n' | 'j') if ctrl => Step::Down,
        KeyCode::Char(c) if !ctrl => Step::Type(c),
        KeyCode::Backspace => Step::Erase,
        KeyCode::Up | KeyCode::BackTab => Step::Up,
        KeyCode::Down | KeyCode::Tab => Step::Down,
        KeyCode::Enter => Step::Choose,
        KeyCode::Esc => Step::Leave,
        _ => Step::Nothing,
    }
}

fn draw(query: &str, hits: &[PickHit], selected: usize, width: u16) -> std::io::Result<()> {
    let mut out = std::io::stderr().lock();
    let width = usize::from(width.max(10));
    queue!(out, cursor::MoveTo(0, 0), Clear(ClearType::All))?;
    queue!(
        out,
        Print(fit(
            "Pick a role · Enter: choose · ↑↓: move · Esc: leave",
            width
        )),
        cursor::MoveTo(0, 1),
        Print(fit(&format!("> {query}"), width))
    )?;
    for (i, hit) in hits.iter().enumerate() {
        let row = u16::try_from(i + 2).unwrap_or(u16::MAX);
        let mark = if i == selected { "▸ " } else { "  " };
        let line = fit(&format!("{mark}{}", describe(&hit.role)), width);
        queue!(out, cursor::MoveTo(0, row))?;
        if i == selected {
            queue!(
                out,
                SetAttribute(Attribute::Reverse),
                Print(line),
                SetAttribute(Attribute::Reset)
            )?;
        } else {
            queue!(out, Print(line))?;
        }
    }
    let count_row = u16::try_from(hits.len() + 2).unwrap_or(u16::MAX);
    let count = if hits.is_empty() {
        "no role matches".to_owned()
    } else {
        String::new()
    };
    let cursor_col = u16::try_from(query.chars().count() + 2).unwrap_or(u16::MAX);
    queue!(
        out,
        cursor::MoveTo(0, count_row),
        Print(fit(&count, width)),
        cursor::MoveTo(cursor_col, 1)
    )?;
    out.flush()
}

/// One match as a line: the name, then what else tells it apart.
fn describe(role: &PickRole) -> String {
    let mut parts = vec![role.name.clone()];
    if let Some(a) = &role.account_id {
        parts.push(dashed(a));
    }
    parts.extend(role.account_name.clone());
    parts.extend(role.environment.clone());
    parts.extend(role.source.clone());
    if role.active {
        parts.push("active".into());
    } else if role.live {
        parts.push("live".into());
    }
    if role.favourite {
        parts.push("★".into());
    }
    parts.join("  ")
}

/// `444455556666` as the console shows it: `4444-5555-6666`.
fn dashed(account: &str) -> String {
    if account.len() != 12 {
        return account.to_owned();
    }
    format!("{}-{}-{}", &account[..4], &account[4..8], &account[8..])
}

/// `text` cut to `width` characters, with "…" where it was cut.
fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

fn io(e: std::io::Error) -> Error {
    Error::io("the terminal", e)
}

/// Raw mode and the alternate screen, left however the picker ends.
struct Screen;

impl Screen {
    fn enter() -> Result<Screen> {
        terminal::enable_raw_mode().map_err(io)?;
        let screen = Screen;
        queue!(std::io::stderr(), terminal::EnterAlternateScreen).map_err(io)?;
        Ok(screen)
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        let mut err = std::io::stderr();
        queue!(err, terminal::LeaveAlternateScreen).ok();
        err.flush().ok();
        terminal::disable_raw_mode().ok();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn keys_do_what_pickers_do() {
        let none = KeyModifiers::NONE;
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(step(key(KeyCode::Char('p'), none)), Step::Type('p'));
        assert_eq!(
            step(key(KeyCode::Char('P'), KeyModifiers::SHIFT)),
            Step::Type('P')
        );
        assert_eq!(step(key(KeyCode::Char('p'), ctrl)), Step::Up);
        assert_eq!(step(key(KeyCode::Char('n'), ctrl)), Step::Down);
        assert_eq!(step(key(KeyCode::Char('c'), ctrl)), Step::Leave);
        assert_eq!(step(key(KeyCode::Esc, none)), Step::Leave);
        assert_eq!(step(key(KeyCode::Enter, none)), Step::Choose);
        assert_eq!(step(key(KeyCode::Char('u'), ctrl)), Step::EraseAll);
    }

    #[test]
    fn lines_fit_the_terminal_and_accounts_read_as_the_console_shows_them() {
        assert_eq!(fit("prod-admin", 6), "prod-…");
        assert_eq!(fit("dev", 6), "dev");
        assert_eq!(dashed("444455556666"), "4444-5555-6666");
        let role = PickRole {
            name: "prod-admin".into(),
            account_id: Some("444455556666".into()),
            account_name: None,
            environment: Some("production".into()),
            colour: None,
            source: Some("alice".into()),
            favourite: true,
            live: true,
            active: false,
            asks_first: true,
        };
        assert_eq!(
            describe(&role),
            "prod-admin  4444-5555-6666  production  alice  live  ★"
        );
    }
}
