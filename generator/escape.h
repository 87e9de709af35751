/* escape: one escaper per output context (HTML text and attributes, XML,
 * URL paths, JSON), appending to a buf.  Every value a template or writer
 * emits goes through exactly one of these. */
#ifndef GOVPUB_ESCAPE_H
#define GOVPUB_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* & < > " ' → entities; safe in text and in quoted attributes. */
void esc_html(buf *b, const char *s, size_t n);
/* True when esc_html would copy s[0..n) as it is. */
bool esc_html_plain(const char *s, size_t n);
/* & < > " → entities, the apostrophe as it is: Markdown text and
 * attribute values exactly as cmark-gfm's HTML renderer writes them
 * (markdown_html.c). */
void esc_html_text(buf *b, const char *s, size_t n);
/* A URL in an href or src as cmark-gfm writes it: letters, digits and
 * -_.+!*(),%#@?=;:/$~ as they are, & and ' as entities, every other byte
 * as %XX. */
void esc_href(buf *b, const char *s, size_t n);
/* XML 1.0 text/attribute escape (feeds, sitemap); drops characters XML forbids. */
void esc_xml(buf *b, const char *s, size_t n);
/* Percent-encodes bytes outside the URL-safe set, keeping '/' (sitemaps
 * and feeds want ASCII URLs; HTML links keep readable UTF-8). */
void esc_url_path(buf *b, const char *s, size_t n);
/* esc_url_path and then esc_xml, in one pass: the URLs of feeds and
 * sitemaps.  Both escape byte by byte, so the escapes of two strings
 * side by side are those of the two joined (a base URL and a path). */
void esc_xml_url_path(buf *b, const char *s, size_t n);
/* JSON string contents (without the quotes); also escapes < > & so JSON is
 * safe inside HTML. */
void esc_json(buf *b, const char *s, size_t n);
/* A YAML double-quoted scalar, quotes included: the values govpub writes
 * into front matter (govpub report, govpub new). */
void esc_yaml_quoted(buf *b, const char *s);

#endif
