// The token file: which bearer tokens exist and whom they authenticate. It holds only the
// SHA-256 of each token, never a token itself, so a copy of the file lets nobody in.
//
// Format (UTF-8 text, one principal per line, fields separated by one tab):
//   <sha256 of the token, 64 lower-case hex> TAB <name> TAB <role> TAB <agency or empty>
// Lines that are empty or start with '#' are ignored. Names are unique within a file.
#pragma once

#include <filesystem>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>

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

  // Reads and checks a token file's text from `in` as Load does; `name` (the file's path) starts
  // the error messages.
  static std::unique_ptr<TokenFile> Parse(std::istream& in, const std::string& name,
                                          std::string& error);

  // The principal whose token this is, if any. Compares digests, so the token's bytes never need
  // to be kept.
  std::optional<Principal> Authenticate(std::string_view token) const;
  std::size_t size() const { return by_digest_.size(); }

  // Adds a principal to the file (creating it with mode 0600 when missing) and returns its new
  // token. Atomic: the file is rewritten to a temporary and renamed. Errors (as the string): a
  // malformed name, agency or role, an agency role without an agency, a name already present,
  // an unreadable or unwritable file.
  static std::variant<std::string, std::string> Add(const std::filesystem::path& path,
                                                    const Principal& principal);

 private:
  std::unordered_map<std::string, Principal> by_digest_;  // hex SHA-256 → principal
};

}  // namespace trygg::api
