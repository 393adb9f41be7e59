// The token file: which bearer tokens exist and whom they authenticate. It holds only the
// SHA-256 of each token, never a token itself, so a copy of the file lets nobody in.
//
// Format (UTF-8 text, one principal per line, fields separated by one tab):
//   <sha256 of the token, 64 lower-case hex> TAB <name> TAB <role> TAB <agency or empty>
// Lines that are empty or start with '#' are ignored. Names are unique within a file. The file
// must be private to the server's user: Load refuses it when group or others have any permission
// on it (chmod 600).
#pragma once

#include <filesystem>
#include <istream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "principal.h"

namespace trygg::api {

// Limits on what a token file holds.
inline constexpr std::size_t kMaxPrincipalNameChars = 100;
inline constexpr std::size_t kMaxPrincipals = 100'000;

class TokenFile {
 public:
  // Reads and checks the whole file. On failure returns null and sets `error`, naming the file
  // and line.
  static std::unique_ptr<TokenFile> Load(const std::filesystem::path& path, std::string& error);

  // Reads and checks a token file's text from `in` as Load does, without the file's mode check;
  // `name` (the file's path) starts the error messages. Such a TokenFile cannot Reload.
  static std::unique_ptr<TokenFile> Parse(std::istream& in, const std::string& name,
                                          std::string& error);

  // The principal whose token this is, if any. Compares digests, so the token's bytes never need
  // to be kept, and compares them in constant time (CRYPTO_memcmp): the hash table picks a bucket
  // by the digest of the caller's own guess, and no early exit tells how many of a stored
  // digest's characters it matched. Thread-safe, also during Reload.
  std::optional<Principal> Authenticate(std::string_view token) const;
  std::size_t size() const;
  // Every principal in the file, in its order: names, roles and agencies, never a digest.
  std::vector<Principal> Principals() const;

  // Reads the file again from the path it was loaded from and, if it is good, serves it from now
  // on: calls already admitted keep the principal they got. On failure keeps serving what it had
  // and returns the error (as Load's); "" on success.
  std::string Reload();

  // Adds a principal to the file (creating it with mode 0600 when missing) and returns its new
  // token. Atomic: the file is rewritten to a temporary and renamed. Errors (as the string): a
  // malformed name, agency or role, an agency role without an agency, a name already present,
  // an unreadable or unwritable file.
  static std::variant<std::string, std::string> Add(const std::filesystem::path& path,
                                                    const Principal& principal);

  // Removes the principal named `name` from the file (atomically, as Add), so its token no
  // longer authenticates once a server reloads the file. "" on success; otherwise the error (a
  // name not in the file, an unreadable or unwritable file), and the file is unchanged.
  static std::string Revoke(const std::filesystem::path& path, const std::string& name);

 private:
  struct Entries;
  static std::shared_ptr<const Entries> Read(const std::filesystem::path& path, std::string& error);
  static std::shared_ptr<const Entries> ParseEntries(std::istream& in, const std::string& name,
                                                     std::string& error);
  std::shared_ptr<const Entries> Current() const;

  std::filesystem::path path_;
  mutable std::mutex mu_;
  std::shared_ptr<const Entries> entries_;  // guarded by mu_; never null; swapped by Reload
};

}  // namespace trygg::api
