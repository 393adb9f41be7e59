#include "cli/terminal.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>

namespace trygg::cli {

std::size_t ChooseWidth(std::optional<std::string_view> columns_env,
                        std::optional<std::size_t> tty_width) {
  if (columns_env) {
    std::size_t columns = 0;
    const char* end = columns_env->data() + columns_env->size();
    auto [ptr, ec] = std::from_chars(columns_env->data(), end, columns);
    if (ec == std::errc() && ptr == end && columns > 0) return columns;
  }
  if (tty_width && *tty_width > 0) return *tty_width;
  return kDefaultWidth;
}

bool ChooseColour(bool stdout_is_tty, bool no_color_set) { return stdout_is_tty && !no_color_set; }

Terminal DetectTerminal() {
  const bool tty = ::isatty(STDOUT_FILENO) == 1;
  std::optional<std::size_t> tty_width;
  if (tty) {
    winsize size{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
      tty_width = size.ws_col;
    }
  }
  const char* columns = std::getenv("COLUMNS");
  Terminal terminal;
  terminal.width = ChooseWidth(
      columns != nullptr ? std::optional<std::string_view>(columns) : std::nullopt, tty_width);
  terminal.colour = ChooseColour(tty, std::getenv("NO_COLOR") != nullptr);
  return terminal;
}

}  // namespace trygg::cli
