"""Readers of web pages, Word, Excel, legacy office files and scans (to move into the ingest
package once it exists): each turns a file into pages of text in PDF ingest's conventions."""
