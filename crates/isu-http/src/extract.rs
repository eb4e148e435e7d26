//! Extractor configuration: turns actix's body, query and path errors into our problems.

use std::cell::RefCell;

use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::{web, HttpRequest};
use serde_json::{Map, Value};

use super::problem::{ApiError, FieldError};

/// Largest JSON body accepted. Batches (up to 1,000 records) fit comfortably.
pub const JSON_BODY_LIMIT: usize = 4 * 1024 * 1024;

pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default().limit(JSON_BODY_LIMIT).error_handler(|err, _req: &HttpRequest| json_error(err).into())
}

pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err, req| query_error(err, req.query_string()).into())
}

pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|err, _req| path_error(err).into())
}

pub fn json_error(err: JsonPayloadError) -> ApiError {
    match err {
        JsonPayloadError::OverflowKnownLength { length, limit } => {
            ApiError::PayloadTooLarge(format!("the body has {length} bytes; the limit is {limit} bytes"))
        }
        JsonPayloadError::Overflow { limit } => {
            ApiError::PayloadTooLarge(format!("the body exceeds the limit of {limit} bytes"))
        }
        JsonPayloadError::ContentType => {
            ApiError::UnsupportedMediaType("send the body as `Content-Type: application/json`".into())
        }
        JsonPayloadError::Deserialize(e) => deserialize_error(&e),
        other => ApiError::BadRequest(format!("could not read the body: {other}")),
    }
}

/// Syntax errors are 400 (the body is not JSON); shape errors are 422 (JSON of the wrong form).
pub fn deserialize_error(e: &serde_json::Error) -> ApiError {
    use serde_json::error::Category;
    match e.classify() {
        Category::Syntax | Category::Eof | Category::Io => ApiError::MalformedJson(format!(
            "the body is not valid JSON: {} (line {}, column {})",
            strip_position(&e.to_string()),
            e.line(),
            e.column()
        )),
        Category::Data => ApiError::Validation(vec![FieldError::new(
            "",
            "invalid_body",
            format!("{} (line {}, column {})", strip_position(&e.to_string()), e.line(), e.column()),
        )]),
    }
}

/// serde_json appends " at line L column C"; we state the position once, in our own words.
fn strip_position(message: &str) -> &str {
    message.rsplit_once(" at line ").map_or(message, |(head, _)| head)
}

fn query_error(err: QueryPayloadError, query: &str) -> ApiError {
    let message = match &err {
        QueryPayloadError::Deserialize(e) => e.to_string(),
        other => other.to_string(),
    };
    // Name the parameter where serde does: "missing field `year`", "unknown field `x`, expected …".
    let field = |prefix: &str| message.strip_prefix(prefix).and_then(|rest| rest.split('`').next()).map(str::to_string);
    if let Some(name) = field("missing field `") {
        return ApiError::Validation(vec![FieldError::new(
            format!("query:{name}"),
            "required",
            format!("query parameter {name} is required"),
        )]);
    }
    if let Some(name) = field("unknown field `") {
        return ApiError::Validation(vec![FieldError::new(format!("query:{name}"), "unknown_parameter", message)]);
    }
    // serde_urlencoded names the value but not the parameter of a value outside an enum
    // ("unknown variant `xx`, expected `sv` or `en`"): the parameter that carries it is named.
    if let Some(value) = field("unknown variant `") {
        let carriers: Vec<String> = serde_urlencoded::from_str::<Vec<(String, String)>>(query)
            .unwrap_or_default()
            .into_iter()
            .filter(|(_, v)| *v == value)
            .map(|(name, _)| name)
            .collect();
        if let [name] = carriers.as_slice() {
            return ApiError::Validation(vec![FieldError::new(format!("query:{name}"), "unknown_value", message)]);
        }
    }
    ApiError::Validation(vec![FieldError::new("query", "invalid_query", message)])
}

fn path_error(err: PathError) -> ApiError {
    let message = match &err {
        PathError::Deserialize(e) => e.to_string(),
        other => other.to_string(),
    };
    ApiError::NotFound(format!("no such resource ({message})"))
}

/// A JSON request body that must be an object. serde would otherwise read a struct from an
/// array (`["2182", "Name"]`), which no client means and the contract does not describe.
/// Limits, media type and syntax errors are as for `web::Json`; shape errors are 422s naming the
/// field (`/closed_cases`, `/quarters/2`, `/unknown_field`); a repeated member name anywhere is
/// a 422 naming it (see [`UniqueJson`]).
pub struct JsonObject<T>(pub T);

impl<T> JsonObject<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: serde::de::DeserializeOwned + 'static> actix_web::FromRequest for JsonObject<T> {
    type Error = actix_web::Error;
    type Future = futures_util::future::LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let value = JsonValue::from_request(req, payload);
        Box::pin(async move {
            let value = value.await?.into_inner();
            if !value.is_object() {
                return Err(ApiError::Validation(vec![FieldError::new(
                    "",
                    "invalid_type",
                    "the body must be a JSON object",
                )])
                .into());
            }
            serde_path_to_error::deserialize(value).map(JsonObject).map_err(|e| shape_error(&e).into())
        })
    }
}

/// A JSON request body of any shape, as a [`Value`], with the checks of [`UniqueJson`]: for
/// handlers that validate the raw JSON themselves (case records).
pub struct JsonValue(pub Value);

impl JsonValue {
    pub fn into_inner(self) -> Value {
        self.0
    }
}

impl actix_web::FromRequest for JsonValue {
    type Error = actix_web::Error;
    type Future = futures_util::future::LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let checked = web::Json::<UniqueJson>::from_request(req, payload);
        Box::pin(async move {
            let checked = checked.await?.into_inner();
            checked.into_value().map(JsonValue).map_err(Into::into)
        })
    }
}

/// Parses a JSON text like `serde_json::from_slice::<Value>`, but refuses a member name that
/// occurs twice in one object (422 `duplicate_key` at the second occurrence). Syntax errors are
/// 400s as in [`deserialize_error`].
pub fn parse_unique(bytes: &[u8]) -> Result<Value, ApiError> {
    let checked: UniqueJson = serde_json::from_slice(bytes).map_err(|e| deserialize_error(&e))?;
    checked.into_value()
}

/// JSON read into a [`Value`] while noting the first repeated member name. serde_json (like most
/// parsers) keeps the last of two equal names silently, so `{"age": 9, "age": 10}` would be
/// stored as 10 while another reader of the same text sees 9: such a body is ambiguous and is
/// refused instead (RFC 8259 §4: names "SHOULD be unique").
pub struct UniqueJson {
    value: Value,
    /// JSON pointer of the first repeated name (its second occurrence).
    duplicate: Option<String>,
}

impl UniqueJson {
    /// The value, or 422 `duplicate_key` naming the repeated member.
    pub fn into_value(self) -> Result<Value, ApiError> {
        match self.duplicate {
            None => Ok(self.value),
            Some(pointer) => Err(ApiError::Validation(vec![FieldError::new(
                pointer,
                "duplicate_key",
                "this member name occurs more than once in its object; send each name once",
            )])),
        }
    }
}

impl<'de> serde::Deserialize<'de> for UniqueJson {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::DeserializeSeed;
        let duplicate = RefCell::new(None);
        let value = UniqueSeed { pointer: String::new(), duplicate: &duplicate }.deserialize(deserializer)?;
        Ok(UniqueJson { value, duplicate: duplicate.into_inner() })
    }
}

/// Builds a [`Value`] and records the pointer of the first repeated member name.
struct UniqueSeed<'a> {
    pointer: String,
    duplicate: &'a RefCell<Option<String>>,
}

impl UniqueSeed<'_> {
    fn child(&self, token: &str) -> Self {
        UniqueSeed { pointer: format!("{}/{}", self.pointer, escape_pointer_token(token)), duplicate: self.duplicate }
    }
}

/// RFC 6901: `~` is written `~0` and `/` is written `~1` inside a reference token.
fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

impl<'de> serde::de::DeserializeSeed<'de> for UniqueSeed<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for UniqueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        serde::de::DeserializeSeed::deserialize(self, deserializer)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self.child(&items.len().to_string()))? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(self.child(&key))?;
            if members.contains_key(&key) && self.duplicate.borrow().is_none() {
                // A name holding a personal identity number is not repeated back (see
                // `domain::record`): the pointer then names the enclosing object.
                let pointer = if isu_domain::personnummer::contains_identity_number(&key) {
                    self.pointer.clone()
                } else {
                    self.child(&key).pointer
                };
                *self.duplicate.borrow_mut() = Some(pointer);
            }
            members.insert(key, value);
        }
        Ok(Value::Object(members))
    }
}

/// A body of the wrong shape for `T`: 422 naming the field where serde stopped.
fn shape_error(e: &serde_path_to_error::Error<serde_json::Error>) -> ApiError {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in e.path().iter() {
        match segment {
            Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                pointer.push('/');
                pointer.push_str(&escape_pointer_token(key));
            }
            Segment::Unknown => {}
        }
    }
    let message = e.inner().to_string();
    let message = strip_position(&message);
    // serde names the member itself in these two messages: "unknown field `x`, expected …",
    // "missing field `x`".
    let named = |prefix: &str| message.strip_prefix(prefix).and_then(|rest| rest.split('`').next());
    // The path ends at the unknown member itself, but before a missing one.
    let member = |name: &str| {
        let token = format!("/{}", escape_pointer_token(name));
        if pointer.ends_with(&token) {
            pointer.clone()
        } else {
            format!("{pointer}{token}")
        }
    };
    if let Some(name) = named("unknown field `") {
        let (at, text) = if isu_domain::personnummer::contains_identity_number(name) {
            let parent = member(name);
            let parent = parent.rsplit_once('/').map_or(String::new(), |(parent, _)| parent.to_string());
            (parent, "a field name that is not a field of this body (not shown)".to_string())
        } else {
            (member(name), format!("{name} is not a field of this body"))
        };
        return ApiError::Validation(vec![FieldError::new(at, "unknown_field", text)]);
    }
    if let Some(name) = named("missing field `") {
        return ApiError::Validation(vec![FieldError::new(member(name), "required", format!("{name} is required"))]);
    }
    let field = pointer.rsplit('/').next().filter(|f| !f.is_empty()).unwrap_or("the body").to_string();
    // "invalid type: string \"12\", expected i32": the value is not repeated back (it may be
    // personal data), only what was expected.
    let expected = message.rsplit_once(", expected ").map(|(_, expected)| describe_expected(expected));
    let code = if message.starts_with("invalid type") {
        "invalid_type"
    } else if message.starts_with("invalid value: integer") {
        "out_of_range"
    } else {
        "invalid_value"
    };
    let text = match expected {
        Some(expected) => format!("{field} must be {expected}"),
        None => format!("{field} is not valid here"),
    };
    ApiError::Validation(vec![FieldError::new(pointer, code, text)])
}

/// serde's name for an expected type, in words for API users.
fn describe_expected(expected: &str) -> String {
    let integer = |min: i128, max: i128| format!("an integer from {min} to {max}");
    match expected {
        "i8" => integer(i8::MIN.into(), i8::MAX.into()),
        "i16" => integer(i16::MIN.into(), i16::MAX.into()),
        "i32" => integer(i32::MIN.into(), i32::MAX.into()),
        "i64" => integer(i64::MIN.into(), i64::MAX.into()),
        "u8" => integer(0, u8::MAX.into()),
        "u16" => integer(0, u16::MAX.into()),
        "u32" => integer(0, u32::MAX.into()),
        "u64" | "usize" => integer(0, u64::MAX.into()),
        "f32" | "f64" => "a number".to_string(),
        "a sequence" => "an array".to_string(),
        "a map" => "an object".to_string(),
        other if other.starts_with("struct ") => "an object".to_string(),
        other => other.to_string(),
    }
}
