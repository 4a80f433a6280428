// The SQLite VFS every Voxloop connection opens its database through: the platform's default
// VFS with one change, that the write-ahead log's writes are gathered and reach the file in
// one write per 128 KiB of a commit (one or two for a typical group commit) instead of two
// system calls per page.
//
// Why: SQLite writes each WAL frame as two pwrite calls (the 24-byte frame header, then the
// page), so a group commit of 30 pages costs 60 system calls before its fsync; on a virtual
// machine where a system call is dear that is a large share of the ingest path.
//
// What stays true:
// - Durability: pending bytes are written before the file is synced, so a commit is on disk
//   when SQLite's xSync returns, exactly as without this layer. A crash before the sync loses
//   only a transaction nobody was told had committed (SQLite's WAL checksums drop it).
// - Visibility: with synchronous=FULL (SqliteConnection always sets it) SQLite syncs the WAL
//   before it publishes a commit in the shared-memory index, so other connections never look
//   for frames that are still pending here. The writing connection itself reads the log
//   through this layer, which writes out its pending bytes before any read, size query,
//   truncation, file control or close.
// - Only contiguous writes are gathered; a write elsewhere (SQLite rewriting a frame of the
//   same transaction) first writes out what is pending, so the file sees the writes in order.
// Files other than WAL files (the database, rollback journals) pass through untouched.
//
// Thread-safety: registration is thread-safe and happens once; each file is used by one
// connection at a time, as SQLite requires of its VFS files.
#pragma once

namespace voxloop::store {

// The name to pass to sqlite3_open_v2, registering the VFS on first use. Returns nullptr (the
// default VFS) when there is no default VFS to wrap.
const char* WalWriteVfsName();

}  // namespace voxloop::store
