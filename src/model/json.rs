//! A strict JSON reader (RFC 8259) that keeps where every value stands.
//!
//! The files a chair feeds in are hand-edited, so every error must name its line and
//! column, and meaning errors found later must still be able to point there. It keeps
//! duplicate keys (the reader reports them with their JSON path), keeps numbers as
//! their exact text (points must not pass through `f64`), and bounds nesting depth so
//! a hostile file cannot overflow the stack.

use std::fmt;

/// Deeper nesting than this is refused; real configs use about five levels.
pub const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// The number exactly as written, e.g. `9.50` or `-1e3`.
    Number(String),
    String(String),
    Array(Vec<Node>),
    Object(Vec<Member>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub key: String,
    pub key_pos: Pos,
    pub value: Node,
}

impl Value {
    pub fn kind(&self) -> JsonKind {
        match self {
            Value::Null => JsonKind::Null,
            Value::Bool(_) => JsonKind::Bool,
            Value::Number(_) => JsonKind::Number,
            Value::String(_) => JsonKind::String,
            Value::Array(_) => JsonKind::Array,
            Value::Object(_) => JsonKind::Object,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonKind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

/// What went wrong while reading the text, before any meaning is considered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxError {
    Empty,
    UnexpectedEnd,
    UnexpectedChar(char),
    /// After a value inside `[…]` or `{…}` neither a comma nor the closing bracket.
    MissingSeparator {
        found: char,
        closing: char,
    },
    TrailingComma,
    BadNumber,
    BadEscape,
    ControlInString,
    LoneSurrogate,
    TrailingText,
    TooDeep,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub pos: Pos,
    pub error: SyntaxError,
}

/// Reads one JSON document. A leading UTF-8 byte-order mark is skipped, since Windows
/// editors write one.
pub fn parse(text: &str) -> Result<Node, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut parser = Parser {
        chars: text.chars().collect(),
        at: 0,
        line: 1,
        column: 1,
    };
    parser.skip_space();
    if parser.peek().is_none() {
        return Err(parser.error(SyntaxError::Empty));
    }
    let node = parser.value(0)?;
    parser.skip_space();
    if parser.peek().is_some() {
        return Err(parser.error(SyntaxError::TrailingText));
    }
    Ok(node)
}

struct Parser {
    chars: Vec<char>,
    at: usize,
    line: u32,
    column: u32,
}

impl Parser {
    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            column: self.column,
        }
    }

    fn error(&self, error: SyntaxError) -> ParseError {
        ParseError {
            pos: self.pos(),
            error,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn unexpected(&self) -> ParseError {
        match self.peek() {
            None => self.error(SyntaxError::UnexpectedEnd),
            Some(c) => self.error(SyntaxError::UnexpectedChar(c)),
        }
    }

    fn missing_separator(&self, closing: char) -> ParseError {
        match self.peek() {
            None => self.error(SyntaxError::UnexpectedEnd),
            Some(found) => self.error(SyntaxError::MissingSeparator { found, closing }),
        }
    }

    fn expect(&mut self, wanted: char) -> Result<(), ParseError> {
        if self.peek() == Some(wanted) {
            self.bump();
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t' | '\n' | '\r')) {
            self.bump();
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, ParseError> {
        let pos = self.pos();
        let value = match self.peek() {
            Some('{') => self.object(depth)?,
            Some('[') => self.array(depth)?,
            Some('"') => Value::String(self.string()?),
            Some('-' | '0'..='9') => Value::Number(self.number()?),
            Some('t') => self.word("true", Value::Bool(true))?,
            Some('f') => self.word("false", Value::Bool(false))?,
            Some('n') => self.word("null", Value::Null)?,
            _ => return Err(self.unexpected()),
        };
        Ok(Node { value, pos })
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, ParseError> {
        for wanted in word.chars() {
            self.expect(wanted)?;
        }
        if matches!(self.peek(), Some(c) if c.is_alphanumeric() || c == '_') {
            return Err(self.unexpected());
        }
        Ok(value)
    }

    fn enter(&self, depth: usize) -> Result<usize, ParseError> {
        if depth >= MAX_DEPTH {
            Err(self.error(SyntaxError::TooDeep))
        } else {
            Ok(depth + 1)
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, ParseError> {
        let depth = self.enter(depth)?;
        self.bump();
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(']') {
            self.bump();
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_space();
            if self.peek() == Some(']') && !items.is_empty() {
                return Err(self.error(SyntaxError::TrailingComma));
            }
            items.push(self.value(depth)?);
            self.skip_space();
            match self.peek() {
                Some(',') => {
                    self.bump();
                }
                Some(']') => {
                    self.bump();
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.missing_separator(']')),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, ParseError> {
        let depth = self.enter(depth)?;
        self.bump();
        let mut members: Vec<Member> = Vec::new();
        self.skip_space();
        if self.peek() == Some('}') {
            self.bump();
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_space();
            if self.peek() == Some('}') && !members.is_empty() {
                return Err(self.error(SyntaxError::TrailingComma));
            }
            if self.peek() != Some('"') {
                return Err(self.unexpected());
            }
            let key_pos = self.pos();
            let key = self.string()?;
            self.skip_space();
            self.expect(':')?;
            self.skip_space();
            let value = self.value(depth)?;
            members.push(Member {
                key,
                key_pos,
                value,
            });
            self.skip_space();
            match self.peek() {
                Some(',') => {
                    self.bump();
                }
                Some('}') => {
                    self.bump();
                    return Ok(Value::Object(members));
                }
                _ => return Err(self.missing_separator('}')),
            }
        }
    }

    fn string(&mut self) -> Result<String, ParseError> {
        self.expect('"')?;
        let mut out = String::new();
        loop {
            match self.peek() {
                None => return Err(self.error(SyntaxError::UnexpectedEnd)),
                Some('"') => {
                    self.bump();
                    return Ok(out);
                }
                Some('\\') => {
                    let escape_pos = self.pos();
                    self.bump();
                    let escaped = match self.bump() {
                        Some('"') => '"',
                        Some('\\') => '\\',
                        Some('/') => '/',
                        Some('b') => '\u{8}',
                        Some('f') => '\u{c}',
                        Some('n') => '\n',
                        Some('r') => '\r',
                        Some('t') => '\t',
                        Some('u') => self.unicode_escape(escape_pos)?,
                        _ => {
                            return Err(ParseError {
                                pos: escape_pos,
                                error: SyntaxError::BadEscape,
                            });
                        }
                    };
                    out.push(escaped);
                }
                Some(c) if (c as u32) < 0x20 => {
                    return Err(self.error(SyntaxError::ControlInString));
                }
                Some(c) => {
                    self.bump();
                    out.push(c);
                }
            }
        }
    }

    fn hex4(&mut self, escape_pos: Pos) -> Result<u32, ParseError> {
        let mut code = 0u32;
        for _ in 0..4 {
            let digit = self.peek().and_then(|c| c.to_digit(16)).ok_or(ParseError {
                pos: escape_pos,
                error: SyntaxError::BadEscape,
            })?;
            self.bump();
            code = code * 16 + digit;
        }
        Ok(code)
    }

    fn unicode_escape(&mut self, escape_pos: Pos) -> Result<char, ParseError> {
        let lone = ParseError {
            pos: escape_pos,
            error: SyntaxError::LoneSurrogate,
        };
        let high = self.hex4(escape_pos)?;
        let code = if (0xD800..0xDC00).contains(&high) {
            if self.peek() != Some('\\') {
                return Err(lone);
            }
            self.bump();
            if self.peek() != Some('u') {
                return Err(lone);
            }
            self.bump();
            let low = self.hex4(escape_pos)?;
            if !(0xDC00..0xE000).contains(&low) {
                return Err(lone);
            }
            0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..0xE000).contains(&high) {
            return Err(lone);
        } else {
            high
        };
        char::from_u32(code).ok_or(lone)
    }

    fn digits(&mut self, text: &mut String) -> usize {
        let mut count = 0;
        while let Some(c @ '0'..='9') = self.peek() {
            self.bump();
            text.push(c);
            count += 1;
        }
        count
    }

    fn number(&mut self) -> Result<String, ParseError> {
        let mut text = String::new();
        if self.peek() == Some('-') {
            self.bump();
            text.push('-');
        }
        match self.peek() {
            Some('0') => {
                self.bump();
                text.push('0');
                if matches!(self.peek(), Some('0'..='9')) {
                    return Err(self.error(SyntaxError::BadNumber));
                }
            }
            Some('1'..='9') => {
                self.digits(&mut text);
            }
            _ => return Err(self.error(SyntaxError::BadNumber)),
        }
        if self.peek() == Some('.') {
            self.bump();
            text.push('.');
            if self.digits(&mut text) == 0 {
                return Err(self.error(SyntaxError::BadNumber));
            }
        }
        if let Some(e @ ('e' | 'E')) = self.peek() {
            self.bump();
            text.push(e);
            if let Some(sign @ ('+' | '-')) = self.peek() {
                self.bump();
                text.push(sign);
            }
            if self.digits(&mut text) == 0 {
                return Err(self.error(SyntaxError::BadNumber));
            }
        }
        if matches!(self.peek(), Some(c) if c.is_alphanumeric() || c == '.') {
            return Err(self.error(SyntaxError::BadNumber));
        }
        Ok(text)
    }
}

/// Where a byte offset stands in text that failed UTF-8 decoding: counts the valid
/// characters before it.
pub fn position_of_byte(bytes: &[u8], offset: usize) -> Pos {
    let before = String::from_utf8_lossy(&bytes[..offset.min(bytes.len())]);
    let mut pos = Pos { line: 1, column: 1 };
    for c in before.chars() {
        if c == '\n' {
            pos.line += 1;
            pos.column = 1;
        } else {
            pos.column += 1;
        }
    }
    pos
}

/// Writes `s` as a JSON string literal.
pub fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| String::from("\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> (u32, u32, SyntaxError) {
        let e = parse(text).unwrap_err();
        (e.pos.line, e.pos.column, e.error)
    }

    #[test]
    fn reads_values_with_positions() {
        let node = parse("{\n  \"a\": [1, 9.50, \"x\"],\n  \"b\": null }").unwrap();
        let Value::Object(members) = &node.value else {
            panic!("not an object")
        };
        assert_eq!(members[0].key, "a");
        assert_eq!(members[0].key_pos, Pos { line: 2, column: 3 });
        let Value::Array(items) = &members[0].value.value else {
            panic!("not an array")
        };
        assert_eq!(items[1].value, Value::Number("9.50".into()));
        assert_eq!(
            items[1].pos,
            Pos {
                line: 2,
                column: 12
            }
        );
        assert_eq!(members[1].value.value, Value::Null);
    }

    #[test]
    fn vietnamese_text_counts_columns_in_characters() {
        let e = parse("{\"tên\": \"Hà Nội\" x}").unwrap_err();
        assert_eq!(
            e.pos,
            Pos {
                line: 1,
                column: 18
            }
        );
    }

    #[test]
    fn rejects_what_lenient_readers_accept() {
        assert_eq!(err("[1,]"), (1, 4, SyntaxError::TrailingComma));
        assert_eq!(err("{'a':1}"), (1, 2, SyntaxError::UnexpectedChar('\'')));
        assert_eq!(err("// x\n{}"), (1, 1, SyntaxError::UnexpectedChar('/')));
        assert_eq!(err("01"), (1, 2, SyntaxError::BadNumber));
        assert_eq!(err("1."), (1, 3, SyntaxError::BadNumber));
        assert_eq!(err("{} {}"), (1, 4, SyntaxError::TrailingText));
        assert_eq!(err(""), (1, 1, SyntaxError::Empty));
        assert_eq!(err("  \n "), (2, 2, SyntaxError::Empty));
        assert_eq!(err("{\"a\": [1, 2"), (1, 12, SyntaxError::UnexpectedEnd));
        assert_eq!(err("truex"), (1, 5, SyntaxError::UnexpectedChar('x')));
        assert_eq!(err("\"a\u{1}\""), (1, 3, SyntaxError::ControlInString));
        assert_eq!(err("\"\\ud800\""), (1, 2, SyntaxError::LoneSurrogate));
    }

    #[test]
    fn accepts_a_byte_order_mark_and_escapes() {
        let node = parse("\u{feff}\"\\u1ea0 \\ud83d\\ude00\"").unwrap();
        assert_eq!(node.value, Value::String("\u{1ea0} 😀".into()));
    }

    #[test]
    fn deep_nesting_is_refused_not_a_crash() {
        let text = "[".repeat(100_000);
        assert_eq!(err(&text).2, SyntaxError::TooDeep);
    }

    #[test]
    fn byte_offsets_map_to_lines() {
        let bytes = b"{\n  \"a\": \"Hu\xe9\"}".to_vec();
        let offset = std::str::from_utf8(&bytes).unwrap_err().valid_up_to();
        assert_eq!(
            position_of_byte(&bytes, offset),
            Pos {
                line: 2,
                column: 11
            }
        );
    }

    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics_on_any_text(text in "\\PC{0,200}") {
            let _ = parse(&text);
        }

        #[test]
        fn reads_back_what_serde_writes(value in proptest::collection::vec(("[a-zà-ỹ ]{0,8}", -1000i64..1000), 0..8)) {
            let map: std::collections::BTreeMap<String, i64> = value.into_iter().collect();
            let text = serde_json::to_string_pretty(&map).unwrap();
            let node = parse(&text).unwrap();
            let Value::Object(members) = node.value else { panic!() };
            prop_assert_eq!(members.len(), map.len());
            for (m, (k, v)) in members.iter().zip(map.iter()) {
                prop_assert_eq!(&m.key, k);
                prop_assert_eq!(&m.value.value, &Value::Number(v.to_string()));
            }
        }
    }
}
