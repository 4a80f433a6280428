// QR codes for printed material (receipts, table cards, posters) pointing at a survey link:
// SVG text for print layouts and PNG bytes for everything else, from libqrencode (byte mode,
// error correction M by default, so a smudged code still scans). Pure functions; thread-safe
// (libqrencode is reentrant).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace voxloop::collect {

enum class QrErrorCorrection { kLow, kMedium, kQuartile, kHigh };

struct QrOptions {
  int module_pixels = 8;   // PNG: pixels per module (1–64); SVG: user units per module
  int quiet_zone = 4;      // modules of white border (the standard asks for 4)
  QrErrorCorrection correction = QrErrorCorrection::kMedium;
};

// The modules of a code: size x size, row-major, true = dark.
struct QrMatrix {
  int size = 0;
  std::vector<bool> dark;
  bool Dark(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)]; }
};

// Errors: kInvalidArgument for empty text, text with NUL bytes or longer than 2000 bytes, or
// options out of range.
core::Result<QrMatrix> EncodeQr(std::string_view text, QrErrorCorrection correction);

// A standalone SVG document (black on white, crisp edges).
core::Result<std::string> QrCodeSvg(std::string_view text, const QrOptions& options = {});

// A PNG image (1-bit greyscale).
core::Result<std::string> QrCodePng(std::string_view text, const QrOptions& options = {});

}  // namespace voxloop::collect
