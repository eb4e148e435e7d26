//! What answers when no route matched: 405 with `Allow` when the path exists under another
//! method, else 404. Both as problem+json. The route table is derived from the contract.

use actix_web::{web, HttpRequest, HttpResponse};
use utoipa::openapi::OpenApi;

use super::problem::ApiError;
use super::AppState;

#[derive(Debug, Default)]
pub struct RouteTable {
    routes: Vec<(Vec<Segment>, Vec<String>)>,
}

#[derive(Debug)]
enum Segment {
    Literal(String),
    Parameter,
}

impl RouteTable {
    pub fn from_openapi(doc: &OpenApi) -> Self {
        let routes = doc
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let segments = split(path)
                    .map(|s| {
                        if s.starts_with('{') && s.ends_with('}') {
                            Segment::Parameter
                        } else {
                            Segment::Literal(s.to_string())
                        }
                    })
                    .collect();
                let mut methods: Vec<String> = [
                    (item.get.is_some(), "GET"),
                    (item.put.is_some(), "PUT"),
                    (item.post.is_some(), "POST"),
                    (item.delete.is_some(), "DELETE"),
                    (item.patch.is_some(), "PATCH"),
                ]
                .into_iter()
                .filter(|(present, _)| *present)
                .map(|(_, m)| m.to_string())
                .collect();
                if item.get.is_some() {
                    methods.push("HEAD".into());
                }
                (segments, methods)
            })
            .collect();
        Self { routes }
    }

    /// The methods allowed on `path`, if some route matches it.
    pub fn allowed_methods(&self, path: &str) -> Option<Vec<String>> {
        let parts: Vec<&str> = split(path).collect();
        // Like the router, a literal segment wins over a parameter: `/cases/batch` is the batch
        // resource, not a case called "batch". Only the most specific matches count.
        let mut allowed: Vec<String> = Vec::new();
        let mut best_literals = 0;
        for (segments, methods) in &self.routes {
            let matches = segments.len() == parts.len()
                && segments.iter().zip(&parts).all(|(seg, part)| match seg {
                    Segment::Literal(lit) => lit == part,
                    Segment::Parameter => !part.is_empty(),
                });
            if !matches {
                continue;
            }
            let literals = segments.iter().filter(|s| matches!(s, Segment::Literal(_))).count();
            if literals > best_literals {
                best_literals = literals;
                allowed.clear();
            }
            if literals == best_literals {
                allowed.extend(methods.iter().cloned());
            }
        }
        (!allowed.is_empty()).then(|| {
            allowed.dedup();
            allowed
        })
    }
}

fn split(path: &str) -> impl Iterator<Item = &str> {
    path.trim_matches('/').split('/')
}

pub async fn not_found_or_method_not_allowed(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    Err(match state.routes.allowed_methods(req.path()) {
        Some(allow) if !allow.iter().any(|m| m == req.method().as_str()) => ApiError::MethodNotAllowed { allow },
        _ => ApiError::NotFound(format!("no resource at {}", req.path())),
    })
}
