#include "token_file.h"

#include <fcntl.h>
#include <absl/strings/escaping.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

namespace trygg::api {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kTokenRandomBytes = 32;
constexpr std::string_view kTokenPrefix = "trygg_";

std::string Hex(const unsigned char* data, std::size_t size) {
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(data), size));
}

std::string DigestHex(std::string_view token) {
  // Fetched once: looking SHA-256 up by name (as EVP_Q_digest does on every call) costs OpenSSL 3
  // more than hashing a token, and every authenticated call hashes one.
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int size = 0;
  if (sha256 == nullptr ||
      EVP_Digest(token.data(), token.size(), md.data(), &size, sha256, nullptr) != 1) {
    return {};  // never matches a stored digest
  }
  return Hex(md.data(), size);
}

bool IsHexDigest(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// 1–100 characters of [a-z0-9-] (agency ids), plus '.', '_' and '@' for names.
bool IsId(std::string_view s, std::string_view extra) {
  if (s.empty() || s.size() > kMaxPrincipalNameChars) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                    extra.find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

std::string CheckPrincipal(const Principal& p) {
  if (!IsId(p.name, "._@")) {
    return "principal name '" + p.name +
           "' must be 1–100 characters of a-z, 0-9, '-', '.', '_', '@'";
  }
  if (!p.agency.empty() && !IsId(p.agency, "")) {
    return "agency '" + p.agency + "' must be 1–100 characters of a-z, 0-9 and '-'";
  }
  if (p.role == Role::kAgency && p.agency.empty()) {
    return "the agency role needs an agency (--agency ID)";
  }
  return {};
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (;;) {
    const std::size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab - start));
    if (tab == std::string::npos) return fields;
    start = tab + 1;
  }
}

std::string FormatLine(const std::string& digest, const Principal& p) {
  return digest + '\t' + p.name + '\t' + std::string(RoleName(p.role)) + '\t' + p.agency + '\n';
}

// Digests compared in constant time: an early exit would tell how much of one matched.
struct DigestEqual {
  bool operator()(const std::string& a, const std::string& b) const {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
  }
};

// "" when only the owner has permissions on `path`; otherwise why the file is refused and the fix.
std::string CheckPrivate(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return "cannot read token file " + path.string() + ": " + std::strerror(errno);
  }
  if ((st.st_mode & 077) == 0) return "";
  char mode[8];
  std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
  return "token file " + path.string() + " has mode " + mode +
         ": group or others may read or change it, and it decides who may do what; make it "
         "private to the server's user with 'chmod 600 " +
         path.string() + "'";
}

// Writes `content` to a private temporary beside `path` (mode 0600), syncs it and renames it over
// `path`. "" on success.
std::string WriteAtomically(const fs::path& path, const std::string& content) {
  const fs::path tmp = path.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return "cannot write " + tmp.string() + ": " + std::strerror(errno);
  const bool written =
      ::fchmod(fd, 0600) == 0 &&  // a temporary left behind by a crash keeps its old mode
      ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()) &&
      ::fsync(fd) == 0;
  ::close(fd);
  std::error_code ec;
  if (!written) {
    fs::remove(tmp, ec);
    return "cannot write " + tmp.string();
  }
  fs::rename(tmp, path, ec);
  if (ec) return "cannot replace " + path.string() + ": " + ec.message();
  return "";
}

std::string ReadText(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

struct TokenFile::Entries {
  // hex SHA-256 → principal
  std::unordered_map<std::string, Principal, std::hash<std::string>, DigestEqual> by_digest;
  std::vector<Principal> in_order;  // as in the file
};

std::unique_ptr<TokenFile> TokenFile::Load(const fs::path& path, std::string& error) {
  std::shared_ptr<const Entries> entries = Read(path, error);
  if (!entries) return nullptr;
  auto file = std::make_unique<TokenFile>();
  file->path_ = path;
  file->entries_ = std::move(entries);
  return file;
}

std::unique_ptr<TokenFile> TokenFile::Parse(std::istream& in, const std::string& name,
                                            std::string& error) {
  std::shared_ptr<const Entries> entries = ParseEntries(in, name, error);
  if (!entries) return nullptr;
  auto file = std::make_unique<TokenFile>();
  file->entries_ = std::move(entries);
  return file;
}

std::shared_ptr<const TokenFile::Entries> TokenFile::Read(const fs::path& path,
                                                          std::string& error) {
  if (std::string refused = CheckPrivate(path); !refused.empty()) {
    error = std::move(refused);
    return nullptr;
  }
  std::ifstream in(path);
  if (!in) {
    error = "cannot read token file " + path.string() + ": " + std::strerror(errno);
    return nullptr;
  }
  return ParseEntries(in, path.string(), error);
}

std::shared_ptr<const TokenFile::Entries> TokenFile::ParseEntries(std::istream& in,
                                                                  const std::string& name,
                                                                  std::string& error) {
  auto fail = [&](std::string message) {
    error = std::move(message);
    return std::shared_ptr<const Entries>();
  };
  auto file = std::make_shared<Entries>();
  std::unordered_map<std::string, int> names;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line.front() == '#') continue;
    const std::string where = name + ":" + std::to_string(number) + ": ";
    const std::vector<std::string> f = SplitTabs(line);
    if (f.size() != 4)
      return fail(where + "expected 4 tab-separated fields (digest, name, role, agency)");
    if (!IsHexDigest(f[0]))
      return fail(where + "the first field must be a 64-character hex SHA-256");
    const std::optional<Role> role = ParseRole(f[2]);
    if (!role)
      return fail(where + "unknown role '" + f[2] + "' (coordinator, agency, auditor, reader)");
    Principal p{f[1], *role, f[3]};
    if (std::string problem = CheckPrincipal(p); !problem.empty()) return fail(where + problem);
    if (auto [it, added] = names.emplace(p.name, number); !added) {
      return fail(where + "principal '" + p.name + "' is already on line " +
                  std::to_string(it->second));
    }
    if (!file->by_digest.emplace(f[0], p).second) {
      return fail(where + "the same token digest appears twice");
    }
    file->in_order.push_back(std::move(p));
    if (file->by_digest.size() > kMaxPrincipals) {
      return fail(where + "more than " + std::to_string(kMaxPrincipals) + " principals");
    }
  }
  if (in.bad()) return fail("error reading token file " + name);
  return file;
}

std::shared_ptr<const TokenFile::Entries> TokenFile::Current() const {
  std::lock_guard lock(mu_);
  return entries_;
}

std::optional<Principal> TokenFile::Authenticate(std::string_view token) const {
  if (token.empty()) return std::nullopt;
  const std::shared_ptr<const Entries> entries = Current();
  auto it = entries->by_digest.find(DigestHex(token));
  if (it == entries->by_digest.end()) return std::nullopt;
  return it->second;
}

std::size_t TokenFile::size() const { return Current()->by_digest.size(); }

std::vector<Principal> TokenFile::Principals() const { return Current()->in_order; }

std::string TokenFile::Reload() {
  std::string error;
  std::shared_ptr<const Entries> entries = Read(path_, error);
  if (!entries) return error;
  std::lock_guard lock(mu_);
  entries_ = std::move(entries);
  return "";
}

std::variant<std::string, std::string> TokenFile::Add(const fs::path& path,
                                                      const Principal& principal) {
  using Out = std::variant<std::string, std::string>;
  auto fail = [](std::string message) { return Out(std::in_place_index<1>, std::move(message)); };
  if (std::string problem = CheckPrincipal(principal); !problem.empty()) return fail(problem);

  std::string existing;
  std::error_code ec;
  if (fs::exists(path, ec)) {
    std::string error;
    auto loaded = Read(path, error);
    if (!loaded) return fail(error);
    for (const Principal& p : loaded->in_order) {
      if (p.name == principal.name) {
        return fail("principal '" + principal.name + "' is already in " + path.string());
      }
    }
    existing = ReadText(path);
    if (!existing.empty() && existing.back() != '\n') existing.push_back('\n');
  } else {
    existing = "# trygg token file: SHA-256 of each token <TAB> name <TAB> role <TAB> agency\n";
  }

  std::array<unsigned char, kTokenRandomBytes> random{};
  if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) {
    return fail("could not draw random bytes for a token");
  }
  const std::string token = std::string(kTokenPrefix) + Hex(random.data(), random.size());
  const std::string content = existing + FormatLine(DigestHex(token), principal);
  if (std::string error = WriteAtomically(path, content); !error.empty()) return fail(error);
  return Out(std::in_place_index<0>, token);
}

std::string TokenFile::Revoke(const fs::path& path, const std::string& name) {
  std::string error;
  if (!Read(path, error)) return error;  // a file that does not load is not rewritten
  std::istringstream in(ReadText(path));
  std::string kept;
  bool found = false;
  for (std::string line; std::getline(in, line);) {
    // Read checked every line: each that is not blank or a comment has four fields.
    if (!line.empty() && line.front() != '#' && SplitTabs(line)[1] == name) {
      found = true;
      continue;
    }
    kept += line + '\n';
  }
  if (!found) return "principal '" + name + "' is not in " + path.string();
  return WriteAtomically(path, kept);
}

}  // namespace trygg::api
