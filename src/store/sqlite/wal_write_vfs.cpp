#include "store/sqlite/wal_write_vfs.hpp"

#include <sqlite3.h>

#include <new>
#include <string>

namespace voxloop::store {
namespace {

constexpr const char* kVfsName = "voxloop-wal";
// Gathered writes go out before they pass this size: the unix VFS writes at most 128 KiB - 1
// bytes per call (it masks the length with 0x1ffff) and reports a longer write as a full disk.
// 31 frames of 4 KiB pages fit, so a typical group commit is still one or two writes. SQLite's
// own writes are at most a 64 KiB page, so one of them always fits in an empty buffer.
constexpr std::size_t kMaxPendingBytes = 0x1ffff;

// One open file: SQLite's base struct first (SQLite sees only that), then ours, then the
// wrapped VFS's own file struct, which lives in the same allocation (see szOsFile).
struct WalFile {
  sqlite3_file base;
  sqlite3_file* real;
  bool gathers;  // a WAL file: contiguous writes are gathered in `pending`
  std::string pending;
  sqlite3_int64 pending_offset;
};

constexpr int kWalFileBytes = static_cast<int>((sizeof(WalFile) + 7) & ~std::size_t{7});

WalFile& Of(sqlite3_file* file) { return *reinterpret_cast<WalFile*>(file); }
sqlite3_file* Real(sqlite3_file* file) { return Of(file).real; }
sqlite3_vfs* RealVfs(sqlite3_vfs* vfs) { return static_cast<sqlite3_vfs*>(vfs->pAppData); }

// Writes out the pending bytes, if any. On failure they are dropped: SQLite treats the I/O
// error as the end of the transaction and rolls it back.
int WritePending(WalFile& file) {
  if (file.pending.empty()) return SQLITE_OK;
  const int code = file.real->pMethods->xWrite(file.real, file.pending.data(),
                                               static_cast<int>(file.pending.size()),
                                               file.pending_offset);
  file.pending.clear();
  return code;
}

int Close(sqlite3_file* file) {
  WalFile& wal = Of(file);
  const int written = WritePending(wal);
  const int closed = wal.real->pMethods->xClose(wal.real);
  wal.~WalFile();
  return written != SQLITE_OK ? written : closed;
}

int Read(sqlite3_file* file, void* out, int amount, sqlite3_int64 offset) {
  if (const int code = WritePending(Of(file)); code != SQLITE_OK) return code;
  return Real(file)->pMethods->xRead(Real(file), out, amount, offset);
}

int Write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  WalFile& wal = Of(file);
  if (!wal.gathers) return wal.real->pMethods->xWrite(wal.real, data, amount, offset);
  const auto bytes = static_cast<std::size_t>(amount);
  const bool follows = !wal.pending.empty() &&
                       offset == wal.pending_offset +
                                     static_cast<sqlite3_int64>(wal.pending.size());
  if (!follows || wal.pending.size() + bytes > kMaxPendingBytes) {
    if (const int code = WritePending(wal); code != SQLITE_OK) return code;
    wal.pending_offset = offset;
  }
  wal.pending.append(static_cast<const char*>(data), bytes);
  return SQLITE_OK;
}

int Truncate(sqlite3_file* file, sqlite3_int64 size) {
  if (const int code = WritePending(Of(file)); code != SQLITE_OK) return code;
  return Real(file)->pMethods->xTruncate(Real(file), size);
}

int Sync(sqlite3_file* file, int flags) {
  if (const int code = WritePending(Of(file)); code != SQLITE_OK) return code;
  return Real(file)->pMethods->xSync(Real(file), flags);
}

int FileSize(sqlite3_file* file, sqlite3_int64* size) {
  if (const int code = WritePending(Of(file)); code != SQLITE_OK) return code;
  return Real(file)->pMethods->xFileSize(Real(file), size);
}

int Lock(sqlite3_file* file, int level) { return Real(file)->pMethods->xLock(Real(file), level); }
int Unlock(sqlite3_file* file, int level) {
  return Real(file)->pMethods->xUnlock(Real(file), level);
}
int CheckReservedLock(sqlite3_file* file, int* out) {
  return Real(file)->pMethods->xCheckReservedLock(Real(file), out);
}

int FileControl(sqlite3_file* file, int op, void* arg) {
  if (const int code = WritePending(Of(file)); code != SQLITE_OK) return code;
  return Real(file)->pMethods->xFileControl(Real(file), op, arg);
}

int SectorSize(sqlite3_file* file) { return Real(file)->pMethods->xSectorSize(Real(file)); }
int DeviceCharacteristics(sqlite3_file* file) {
  return Real(file)->pMethods->xDeviceCharacteristics(Real(file));
}

// Shared memory and memory mapping belong to the database file, which is never gathered;
// they are forwarded when the wrapped file has them.
int ShmMap(sqlite3_file* file, int page, int page_size, int extend, void volatile** out) {
  const sqlite3_io_methods* methods = Real(file)->pMethods;
  if (methods->iVersion < 2 || methods->xShmMap == nullptr) return SQLITE_IOERR_SHMMAP;
  return methods->xShmMap(Real(file), page, page_size, extend, out);
}
int ShmLock(sqlite3_file* file, int offset, int count, int flags) {
  const sqlite3_io_methods* methods = Real(file)->pMethods;
  if (methods->iVersion < 2 || methods->xShmLock == nullptr) return SQLITE_IOERR_SHMLOCK;
  return methods->xShmLock(Real(file), offset, count, flags);
}
void ShmBarrier(sqlite3_file* file) {
  const sqlite3_io_methods* methods = Real(file)->pMethods;
  if (methods->iVersion >= 2 && methods->xShmBarrier != nullptr) methods->xShmBarrier(Real(file));
}
int ShmUnmap(sqlite3_file* file, int delete_flag) {
  const sqlite3_io_methods* methods = Real(file)->pMethods;
  if (methods->iVersion < 2 || methods->xShmUnmap == nullptr) return SQLITE_OK;
  return methods->xShmUnmap(Real(file), delete_flag);
}
int Fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** out) {
  const sqlite3_io_methods* methods = Real(file)->pMethods;
  if (methods->iVersion < 3 || methods->xFetch == nullptr) {
    *out = nullptr;
    return SQLITE_OK;
  }
  return methods->xFetch(Real(file), offset, amount, out);
}
int Unfetch(sqlite3_file* file, sqlite3_int64 offset, void* page) {
  const sqlite3_io_methods* methods = Real(file)->pMethods;
  if (methods->iVersion < 3 || methods->xUnfetch == nullptr) return SQLITE_OK;
  return methods->xUnfetch(Real(file), offset, page);
}

const sqlite3_io_methods kFileMethods = {
    3,        Close,    Read,   Write,      Truncate,   Sync,      FileSize, Lock,     Unlock,
    CheckReservedLock, FileControl, SectorSize, DeviceCharacteristics, ShmMap, ShmLock,
    ShmBarrier, ShmUnmap, Fetch, Unfetch,
};

int Open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  auto* real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + kWalFileBytes);
  const int code = RealVfs(vfs)->xOpen(RealVfs(vfs), name, real, flags, out_flags);
  if (code != SQLITE_OK || real->pMethods == nullptr) {
    file->pMethods = nullptr;  // SQLite does not close a file whose open failed
    return code != SQLITE_OK ? code : SQLITE_CANTOPEN;
  }
  auto* wal = new (file) WalFile{};
  wal->base.pMethods = &kFileMethods;
  wal->real = real;
  wal->gathers = (flags & SQLITE_OPEN_WAL) != 0;
  return SQLITE_OK;
}

// The rest of the VFS is the wrapped one's.
int Delete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
  return RealVfs(vfs)->xDelete(RealVfs(vfs), name, sync_dir);
}
int Access(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
  return RealVfs(vfs)->xAccess(RealVfs(vfs), name, flags, out);
}
int FullPathname(sqlite3_vfs* vfs, const char* name, int size, char* out) {
  return RealVfs(vfs)->xFullPathname(RealVfs(vfs), name, size, out);
}
void* DlOpen(sqlite3_vfs* vfs, const char* name) {
  return RealVfs(vfs)->xDlOpen(RealVfs(vfs), name);
}
void DlError(sqlite3_vfs* vfs, int size, char* out) {
  RealVfs(vfs)->xDlError(RealVfs(vfs), size, out);
}
void (*DlSym(sqlite3_vfs* vfs, void* handle, const char* symbol))(void) {
  return RealVfs(vfs)->xDlSym(RealVfs(vfs), handle, symbol);
}
void DlClose(sqlite3_vfs* vfs, void* handle) { RealVfs(vfs)->xDlClose(RealVfs(vfs), handle); }
int Randomness(sqlite3_vfs* vfs, int size, char* out) {
  return RealVfs(vfs)->xRandomness(RealVfs(vfs), size, out);
}
int Sleep(sqlite3_vfs* vfs, int microseconds) {
  return RealVfs(vfs)->xSleep(RealVfs(vfs), microseconds);
}
int CurrentTime(sqlite3_vfs* vfs, double* out) {
  return RealVfs(vfs)->xCurrentTime(RealVfs(vfs), out);
}
int GetLastError(sqlite3_vfs* vfs, int size, char* out) {
  return RealVfs(vfs)->xGetLastError(RealVfs(vfs), size, out);
}
int CurrentTimeInt64(sqlite3_vfs* vfs, sqlite3_int64* out) {
  return RealVfs(vfs)->xCurrentTimeInt64(RealVfs(vfs), out);
}

sqlite3_vfs* Register() {
  sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
  if (real == nullptr) return nullptr;
  static sqlite3_vfs vfs{};
  // Version 2 adds xCurrentTimeInt64, offered only when the wrapped VFS has it.
  const bool has_time_int64 = real->iVersion >= 2 && real->xCurrentTimeInt64 != nullptr;
  vfs.iVersion = has_time_int64 ? 2 : 1;
  vfs.szOsFile = kWalFileBytes + real->szOsFile;
  vfs.mxPathname = real->mxPathname;
  vfs.zName = kVfsName;
  vfs.pAppData = real;
  vfs.xOpen = Open;
  vfs.xDelete = Delete;
  vfs.xAccess = Access;
  vfs.xFullPathname = FullPathname;
  vfs.xDlOpen = DlOpen;
  vfs.xDlError = DlError;
  vfs.xDlSym = DlSym;
  vfs.xDlClose = DlClose;
  vfs.xRandomness = Randomness;
  vfs.xSleep = Sleep;
  vfs.xCurrentTime = CurrentTime;
  vfs.xGetLastError = GetLastError;
  if (has_time_int64) vfs.xCurrentTimeInt64 = CurrentTimeInt64;
  if (sqlite3_vfs_register(&vfs, /*makeDflt=*/0) != SQLITE_OK) return nullptr;
  return &vfs;
}

}  // namespace

const char* WalWriteVfsName() {
  static sqlite3_vfs* const vfs = Register();
  return vfs == nullptr ? nullptr : vfs->zName;
}

}  // namespace voxloop::store
