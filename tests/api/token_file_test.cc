// The token file: what it stores, what it refuses, and that tokens authenticate only as
// themselves.
#include "api/token_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "testutil/temp_dir.h"

namespace trygg::api {
namespace {

using ::trygg::testing::TempDir;

std::string Token(std::variant<std::string, std::string> added) {
  EXPECT_EQ(added.index(), 0u) << std::get<1>(added);
  return added.index() == 0 ? std::get<0>(added) : std::string();
}

std::string Error(std::variant<std::string, std::string> added) {
  EXPECT_EQ(added.index(), 1u) << "expected an error";
  return added.index() == 1 ? std::get<1>(added) : std::string();
}

TokenFile MustLoad(const std::filesystem::path& path) {
  std::string error;
  std::unique_ptr<TokenFile> loaded = TokenFile::Load(path, error);
  if (!loaded) {
    ADD_FAILURE() << error;
    return TokenFile();
  }
  return std::move(*loaded);
}

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(TokenFile, AddedTokensAuthenticateAsTheirPrincipal) {
  TempDir dir;
  const auto path = dir.Sub("tokens");
  const Principal coordinator{"samordnare", Role::kCoordinator, "varnamo-kommun-ks"};
  const Principal police{"kommunpolis", Role::kAgency, "polisen-lpo-varnamo"};
  const Principal auditor{"revisor", Role::kAuditor, ""};
  const std::string t1 = Token(TokenFile::Add(path, coordinator));
  const std::string t2 = Token(TokenFile::Add(path, police));
  const std::string t3 = Token(TokenFile::Add(path, auditor));
  EXPECT_NE(t1, t2);
  EXPECT_EQ(t1.rfind("trygg_", 0), 0u);
  EXPECT_EQ(t1.size(), 6u + 64u);

  TokenFile file = MustLoad(path);
  EXPECT_EQ(file.size(), 3u);
  EXPECT_EQ(file.Authenticate(t1), coordinator);
  EXPECT_EQ(file.Authenticate(t2), police);
  EXPECT_EQ(file.Authenticate(t3), auditor);
  EXPECT_FALSE(file.Authenticate("").has_value());
  EXPECT_FALSE(file.Authenticate(t1 + "x").has_value());
  EXPECT_FALSE(file.Authenticate("trygg_" + std::string(64, '0')).has_value());
}

// A known answer, computed outside trygg: `printf %s trygg_known-answer-token | sha256sum`. A line
// written by hand as token_file.h describes it (64 lower-case hex digits of the token's SHA-256)
// authenticates, so the file's digest encoding is checked against SHA-256 itself, not against
// the same code that writes it.
TEST(TokenFile, ALineMadeWithSha256sumAuthenticates) {
  TempDir dir;
  const auto path = dir.Sub("tokens");
  std::ofstream(path) << "88ba4352c8289a679941b973f72e1d72b5d052058827e295eca885407aa4dd03"
                         "\trevisor\tauditor\t\n";
  ASSERT_EQ(chmod(path.c_str(), 0600), 0);
  TokenFile file = MustLoad(path);
  EXPECT_EQ(file.Authenticate("trygg_known-answer-token"),
            (Principal{"revisor", Role::kAuditor, ""}));
  EXPECT_FALSE(file.Authenticate("trygg_known-answer-tokeN").has_value());
}

TEST(TokenFile, StoresDigestsNeverTokensAndIsPrivate) {
  TempDir dir;
  const auto path = dir.Sub("tokens");
  const std::string token = Token(TokenFile::Add(path, {"revisor", Role::kAuditor, ""}));
  const std::string text = ReadAll(path);
  EXPECT_EQ(text.find(token), std::string::npos);
  EXPECT_EQ(text.find(token.substr(6)), std::string::npos);
  EXPECT_NE(text.find("\trevisor\tauditor\t\n"), std::string::npos) << text;
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(TokenFile, AddRefusesBadPrincipalsAndChangesNothing) {
  TempDir dir;
  const auto path = dir.Sub("tokens");
  Token(TokenFile::Add(path, {"samordnare", Role::kCoordinator, ""}));
  const std::string before = ReadAll(path);
  EXPECT_NE(Error(TokenFile::Add(path, {"samordnare", Role::kReader, ""})).find("already"),
            std::string::npos);
  EXPECT_NE(Error(TokenFile::Add(path, {"polis", Role::kAgency, ""})).find("--agency"),
            std::string::npos);
  EXPECT_NE(Error(TokenFile::Add(path, {"Has Space", Role::kReader, ""})).find("name"),
            std::string::npos);
  EXPECT_NE(Error(TokenFile::Add(path, {std::string(101, 'a'), Role::kReader, ""})).find("name"),
            std::string::npos);
  Token(TokenFile::Add(path, {std::string(100, 'a'), Role::kReader, ""}));  // at the limit
  EXPECT_NE(Error(TokenFile::Add(path, {"x", Role::kAgency, "Polisen"})).find("agency"),
            std::string::npos);
  EXPECT_EQ(MustLoad(path).size(), 2u);
  EXPECT_EQ(ReadAll(path).rfind(before, 0), 0u);  // earlier lines untouched
}

TEST(TokenFile, LoadNamesTheBadLine) {
  TempDir dir;
  const auto path = dir.Sub("tokens");
  const std::string digest(64, 'a');
  struct Case {
    std::string text;
    std::string expect;
  };
  for (const Case& c : std::vector<Case>{
           {"# comment\n\n" + digest + "\tname\tcoordinator\n", ":3: expected 4"},
           {digest + "\tname\tadmin\t\n", ":1: unknown role 'admin'"},
           {"xyz\tname\treader\t\n", ":1: the first field must be"},
           {digest + "\tname\tagency\t\n", ":1: the agency role needs an agency"},
           {digest + "\ta\treader\t\n" + std::string(64, 'b') + "\ta\treader\t\n",
            ":2: principal 'a' is already on line 1"},
           {digest + "\ta\treader\t\n" + digest + "\tb\treader\t\n", ":2: the same token digest"},
       }) {
    std::ofstream(path) << c.text;
    std::string error;
    EXPECT_EQ(TokenFile::Load(path, error), nullptr) << c.text;
    EXPECT_NE(error.find(c.expect), std::string::npos) << error;
  }
  std::string error;
  EXPECT_EQ(TokenFile::Load(dir.Sub("missing"), error), nullptr);
  EXPECT_NE(error.find("cannot read token file"), std::string::npos) << error;
}

TEST(Role, NamesRoundTrip) {
  for (Role r : {Role::kCoordinator, Role::kAgency, Role::kAuditor, Role::kReader}) {
    EXPECT_EQ(ParseRole(RoleName(r)), r);
  }
  EXPECT_FALSE(ParseRole("Coordinator").has_value());
}

}  // namespace
}  // namespace trygg::api
