//! Cutting the line into tokens (one pass, no backtracking) and giving each word its
//! meanings from the language's lexicon (longest phrase first).

use crate::lang::{Lexicon, Word};
use std::borrow::Cow;

/// The sigil of a tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sigil {
    Hash,
    Plus,
    At,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Letters (with inner apostrophes), or a phrase of several tokens.
    Word,
    /// ASCII digits.
    Num,
    /// A run of `!`.
    Bang(usize),
    /// `#name`, `+name`, `@name` standing alone, the name starting with a letter.
    Tag(Sigil),
    /// Any other character.
    Punct(char),
}

#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub(crate) kind: TokKind,
    /// Byte range in the text.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Whitespace (or the start of the text) comes right before it.
    pub(crate) space_before: bool,
    pub(crate) meanings: &'static [Word],
    /// For numbers: the value (saturating) and the count of digits (saturating at 255).
    pub(crate) value: u64,
    pub(crate) digits: u8,
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn opens(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '"' | '\'' | '“' | '‘')
}

/// The raw tokens of `text`.
fn raw_tokens(text: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(text.len() / 3 + 1);
    let mut chars = text.char_indices().peekable();
    let mut space = true;
    let mut prev: Option<char> = None;
    let tok =
        |kind, start, end, space_before| Tok { kind, start, end, space_before, meanings: &[], value: 0, digits: 0 };
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            space = true;
            prev = Some(c);
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut last = c;
        let kind = if c.is_alphabetic() {
            loop {
                match chars.peek() {
                    Some(&(i, n)) if n.is_alphabetic() => {
                        end = i + n.len_utf8();
                        last = n;
                        chars.next();
                    }
                    Some(&(i, n)) if is_apostrophe(n) && last.is_alphabetic() => {
                        // An apostrophe inside a word ("o'clock", "mom's"), not at its end.
                        let after = text[i + n.len_utf8()..].chars().next();
                        if after.is_some_and(char::is_alphabetic) {
                            end = i + n.len_utf8();
                            last = n;
                            chars.next();
                        } else {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            TokKind::Word
        } else if c.is_ascii_digit() {
            let mut value = u64::from(c as u8 - b'0');
            let mut digits: u32 = 1;
            while let Some(&(i, n)) = chars.peek() {
                if !n.is_ascii_digit() {
                    break;
                }
                value = value.saturating_mul(10).saturating_add(u64::from(n as u8 - b'0'));
                digits += 1;
                end = i + 1;
                chars.next();
            }
            let mut t = tok(TokKind::Num, start, end, space);
            t.value = value;
            t.digits = u8::try_from(digits).unwrap_or(u8::MAX);
            toks.push(t);
            space = false;
            prev = Some('0');
            continue;
        } else if c == '!' {
            let mut n = 1;
            while let Some(&(i, '!')) = chars.peek() {
                n += 1;
                end = i + 1;
                chars.next();
            }
            TokKind::Bang(n)
        } else if matches!(c, '#' | '+' | '@')
            && (space || prev.is_some_and(opens))
            && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic())
        {
            // A tag: letters, digits and _ - / . after the sigil, not ending in . - /
            let mut name_end = end;
            while let Some(&(i, n)) = chars.peek() {
                if n.is_alphanumeric() || matches!(n, '_' | '-' | '/' | '.') {
                    if n.is_alphanumeric() || n == '_' {
                        name_end = i + n.len_utf8();
                    }
                    end = i + n.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            if name_end < end {
                // Give back the trailing . - / as punctuation.
                let rest = &text[name_end..end];
                let sigil = match c {
                    '#' => Sigil::Hash,
                    '+' => Sigil::Plus,
                    _ => Sigil::At,
                };
                toks.push(tok(TokKind::Tag(sigil), start, name_end, space));
                for (k, p) in rest.char_indices() {
                    toks.push(tok(TokKind::Punct(p), name_end + k, name_end + k + p.len_utf8(), false));
                }
                space = false;
                prev = rest.chars().last();
                continue;
            }
            TokKind::Tag(match c {
                '#' => Sigil::Hash,
                '+' => Sigil::Plus,
                _ => Sigil::At,
            })
        } else {
            TokKind::Punct(c)
        };
        toks.push(tok(kind, start, end, space));
        space = false;
        prev = Some(last);
    }
    toks
}

/// The lower-case text of a token, as phrases compare it.
fn lower<'t>(text: &'t str, t: &Tok) -> Cow<'t, str> {
    let s = &text[t.start..t.end];
    if s.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// The tokens of `text` with their meanings; a phrase of the lexicon becomes one word token.
pub(crate) fn tokens(text: &str, lexicon: &'static Lexicon) -> Vec<Tok> {
    let raw = raw_tokens(text);
    let lowers: Vec<Cow<'_, str>> = raw.iter().map(|t| lower(text, t)).collect();
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let t = &raw[i];
        if !matches!(t.kind, TokKind::Word) {
            out.push(t.clone());
            i += 1;
            continue;
        }
        let phrase = lexicon
            .phrases(&lowers[i])
            .iter()
            .find(|(p, _)| i + p.len() <= raw.len() && p.iter().enumerate().all(|(k, w)| lowers[i + k] == *w));
        if let Some((p, meaning)) = phrase {
            let last = &raw[i + p.len() - 1];
            out.push(Tok {
                kind: TokKind::Word,
                start: t.start,
                end: last.end,
                space_before: t.space_before,
                meanings: std::slice::from_ref(meaning),
                value: 0,
                digits: 0,
            });
            i += p.len();
            continue;
        }
        let mut w = t.clone();
        w.meanings = lexicon.word(&lowers[i]);
        out.push(w);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Language;

    fn kinds(text: &str) -> Vec<(TokKind, &str, bool)> {
        tokens(text, crate::lang::lexicon(Language::English))
            .into_iter()
            .map(|t| (t.kind, &text[t.start..t.end], t.space_before))
            .collect()
    }

    #[test]
    fn numbers_words_and_glue() {
        assert_eq!(
            kinds("1h30m o'clock"),
            vec![
                (TokKind::Num, "1", true),
                (TokKind::Word, "h", false),
                (TokKind::Num, "30", false),
                (TokKind::Word, "m", false),
                (TokKind::Word, "o'clock", true),
            ]
        );
    }

    #[test]
    fn tags_stand_alone_and_start_with_a_letter() {
        let k = kinds("C# #1234 +1 #work. @home +ops/infra a@b");
        assert_eq!(k[0], (TokKind::Word, "C", true));
        assert_eq!(k[1], (TokKind::Punct('#'), "#", false));
        assert_eq!(k[2], (TokKind::Punct('#'), "#", true));
        assert!(k.contains(&(TokKind::Tag(Sigil::Hash), "#work", true)));
        assert!(k.contains(&(TokKind::Punct('.'), ".", false)));
        assert!(k.contains(&(TokKind::Tag(Sigil::At), "@home", true)));
        assert!(k.contains(&(TokKind::Tag(Sigil::Plus), "+ops/infra", true)));
        assert!(!k.iter().any(|t| t.1 == "@b"));
    }

    #[test]
    fn phrases_become_one_token() {
        let k = kinds("5 p.m. end of day");
        assert_eq!(k[1].1, "p.m.");
        assert_eq!(k[2].1, "end of day");
    }
}
