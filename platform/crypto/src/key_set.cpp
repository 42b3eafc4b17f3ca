#include "crypto/key_set.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <utility>

#include "core/hex.hpp"

namespace tongban::crypto {
namespace {

// A key file is a few hundred bytes; anything much larger is not a key file.
constexpr off_t kMaxKeyFileSize = off_t{64} * 1024;

// Closes a descriptor on every path out.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  int Release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

// Wipes a string holding key material when it goes out of scope.
class Wiped {
 public:
  Wiped() = default;
  Wiped(const Wiped&) = delete;
  Wiped& operator=(const Wiped&) = delete;
  ~Wiped() { OPENSSL_cleanse(text.data(), text.size()); }
  std::string text;
};

Error KeyFileError(std::string reason, const std::filesystem::path& path, std::string zh, std::string en) {
  return Error::Make(ErrorCode::kFailedPrecondition, std::move(reason), std::move(zh) + "：" + path.string(),
                     std::move(en) + ": " + path.string());
}

std::string Errno(int err) {
  return std::strerror(err);
}

std::string OctalMode(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

Status ReadKeyFile(const std::filesystem::path& path, Wiped& out) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0) {
    int err = errno;
    if (err == ENOENT) {
      return KeyFileError("crypto.key_file_missing", path, "密钥文件不存在", "key file not found");
    }
    return KeyFileError("crypto.key_file_unreadable", path, "无法读取密钥文件", "cannot open key file")
        .WithDetail(Errno(err));
  }
  // fstat on the open descriptor: the mode checked is the mode of what is read.
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    return KeyFileError("crypto.key_file_unreadable", path, "无法读取密钥文件", "cannot stat key file")
        .WithDetail(Errno(errno));
  }
  if (!S_ISREG(st.st_mode)) {
    return KeyFileError("crypto.key_file_unreadable", path, "密钥文件不是普通文件",
                        "key file is not a regular file");
  }
  if ((st.st_mode & 077) != 0) {
    return KeyFileError("crypto.key_file_permissions", path,
                        "密钥文件权限过宽（组或其他用户可访问，应为 0600，请执行 chmod 600）",
                        "key file is accessible by group or others (mode " + OctalMode(st.st_mode) +
                            "; must be 0600 or stricter, run chmod 600)");
  }
  if (st.st_size > kMaxKeyFileSize) {
    return KeyFileError("crypto.key_file_malformed", path, "密钥文件过大", "key file too large");
  }
  out.text.resize(static_cast<std::size_t>(st.st_size));
  std::size_t done = 0;
  while (done < out.text.size()) {
    ssize_t got = ::read(fd.get(), out.text.data() + done, out.text.size() - done);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      return KeyFileError("crypto.key_file_unreadable", path, "无法读取密钥文件", "cannot read key file")
          .WithDetail(Errno(errno));
    }
    if (got == 0) break;
    done += static_cast<std::size_t>(got);
  }
  out.text.resize(done);
  return Status::Ok();
}

Result<SymmetricKey> LoadSymmetricKey(const std::filesystem::path& path) {
  Wiped content;
  TONGBAN_RETURN_IF_ERROR(ReadKeyFile(path, content));
  std::string_view text = content.text;
  constexpr std::string_view kSpace = " \t\r\n";
  text.remove_prefix(std::min(text.size(), text.find_first_not_of(kSpace)));
  text.remove_suffix(text.size() - std::min(text.size(), text.find_last_not_of(kSpace) + 1));
  Wiped bytes;
  if (text.size() == 2 * SymmetricKey::kSize) {
    if (std::optional<std::string> decoded = HexDecode(text)) {
      bytes.text = std::move(*decoded);
    }
  }
  if (bytes.text.size() != SymmetricKey::kSize) {
    return KeyFileError("crypto.key_file_malformed", path, "密钥文件格式无效（应为 64 个十六进制字符）",
                        "malformed key file (expected 64 hexadecimal characters)");
  }
  return SymmetricKey::FromBytes(bytes.text);
}

template <typename Key>
Result<Key> LoadPrivateKey(const std::filesystem::path& path) {
  Wiped content;
  TONGBAN_RETURN_IF_ERROR(ReadKeyFile(path, content));
  Result<Key> key = Key::FromPem(content.text);
  if (!key.ok()) {
    return KeyFileError("crypto.key_file_malformed", path, "密钥文件格式无效",
                        "malformed key file (" + key.error().message_en + ")")
        .WithDetail(key.error().detail);
  }
  return key;
}

Status WriteNewFile(const std::filesystem::path& path, std::string_view content) {
  FileDescriptor fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (fd.get() < 0) {
    int err = errno;
    if (err == EEXIST) {
      return Error::Make(ErrorCode::kAlreadyExists, "crypto.key_file_exists",
                         "密钥文件已存在，拒绝覆盖：" + path.string(),
                         "key file already exists, refusing to overwrite: " + path.string());
    }
    return KeyFileError("crypto.key_file_unwritable", path, "无法创建密钥文件", "cannot create key file")
        .WithDetail(Errno(err));
  }
  auto fail = [&](const char* what) -> Status {
    return KeyFileError("crypto.key_file_unwritable", path, "无法写入密钥文件",
                        std::string("cannot write key file (") + what + ")")
        .WithDetail(Errno(errno));
  };
  if (::fchmod(fd.get(), 0600) != 0) return fail("chmod");
  while (!content.empty()) {
    ssize_t put = ::write(fd.get(), content.data(), content.size());
    if (put < 0 && errno == EINTR) continue;
    if (put < 0) return fail("write");
    content.remove_prefix(static_cast<std::size_t>(put));
  }
  if (::fsync(fd.get()) != 0) return fail("fsync");
  if (::close(fd.Release()) != 0) return fail("close");
  return Status::Ok();
}

// The key as one line of hex, without leaving an unwiped copy on the heap.
void HexLine(const SymmetricKey& key, Wiped& out) {
  Wiped hex;
  hex.text = HexEncode(key.bytes());
  out.text.reserve(hex.text.size() + 1);
  out.text.append(hex.text).push_back('\n');
}

Status PrepareDirectory(const std::filesystem::path& dir) {
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec)) return Status::Ok();
  if (std::filesystem::exists(dir, ec)) {
    return KeyFileError("crypto.key_file_unwritable", dir, "密钥目录不是目录",
                        "key directory is not a directory");
  }
  if (dir.has_parent_path()) std::filesystem::create_directories(dir.parent_path(), ec);
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return KeyFileError("crypto.key_file_unwritable", dir, "无法创建密钥目录", "cannot create key directory")
        .WithDetail(Errno(errno));
  }
  return Status::Ok();
}

}  // namespace

KeySetPaths KeySetPaths::InDirectory(const std::filesystem::path& dir) {
  return KeySetPaths{dir / "data_encryption.key", dir / "blind_index.key", dir / "sm2_signing.pem",
                     dir / "ed25519_signing.pem"};
}

KeySet KeySet::Generate() {
  return KeySet{SymmetricKey::Generate(), SymmetricKey::Generate(), Sm2PrivateKey::Generate(),
                Ed25519PrivateKey::Generate()};
}

Result<KeySet> LoadKeySet(const KeySetPaths& paths) {
  TONGBAN_ASSIGN_OR_RETURN(SymmetricKey data_key, LoadSymmetricKey(paths.data_encryption_key));
  TONGBAN_ASSIGN_OR_RETURN(SymmetricKey index_key, LoadSymmetricKey(paths.blind_index_key));
  TONGBAN_ASSIGN_OR_RETURN(Sm2PrivateKey sm2, LoadPrivateKey<Sm2PrivateKey>(paths.sm2_signing_key));
  TONGBAN_ASSIGN_OR_RETURN(Ed25519PrivateKey ed25519,
                           LoadPrivateKey<Ed25519PrivateKey>(paths.ed25519_signing_key));
  return KeySet{data_key, index_key, std::move(sm2), std::move(ed25519)};
}

Result<KeySetPaths> GenerateKeySet(const std::filesystem::path& dir) {
  TONGBAN_RETURN_IF_ERROR(PrepareDirectory(dir));
  KeySetPaths paths = KeySetPaths::InDirectory(dir);
  for (const auto* path : {&paths.data_encryption_key, &paths.blind_index_key, &paths.sm2_signing_key,
                           &paths.ed25519_signing_key}) {
    struct stat st {};
    if (::lstat(path->c_str(), &st) == 0) {  // lstat: a dangling symlink counts as present
      return Error::Make(ErrorCode::kAlreadyExists, "crypto.key_file_exists",
                         "密钥文件已存在，拒绝覆盖：" + path->string(),
                         "key file already exists, refusing to overwrite: " + path->string());
    }
  }
  KeySet keys = KeySet::Generate();
  Wiped data_hex;
  HexLine(keys.data_encryption_key, data_hex);
  Wiped index_hex;
  HexLine(keys.blind_index_key, index_hex);
  Wiped sm2_pem;
  sm2_pem.text = keys.sm2_signing_key.ToPem();
  Wiped ed25519_pem;
  ed25519_pem.text = keys.ed25519_signing_key.ToPem();
  TONGBAN_RETURN_IF_ERROR(WriteNewFile(paths.data_encryption_key, data_hex.text));
  TONGBAN_RETURN_IF_ERROR(WriteNewFile(paths.blind_index_key, index_hex.text));
  TONGBAN_RETURN_IF_ERROR(WriteNewFile(paths.sm2_signing_key, sm2_pem.text));
  TONGBAN_RETURN_IF_ERROR(WriteNewFile(paths.ed25519_signing_key, ed25519_pem.text));
  if (int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
    (void)::fsync(dfd);  // make the new directory entries durable; best effort
    ::close(dfd);
  }
  return paths;
}

}  // namespace tongban::crypto
