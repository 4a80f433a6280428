#include "collect/qr_code.hpp"

#include <png.h>
#include <qrencode.h>

#include <csetjmp>
#include <memory>

namespace voxloop::collect {
namespace {

constexpr std::size_t kMaxQrTextBytes = 2000;

QRecLevel Level(QrErrorCorrection correction) {
  switch (correction) {
    case QrErrorCorrection::kLow: return QR_ECLEVEL_L;
    case QrErrorCorrection::kQuartile: return QR_ECLEVEL_Q;
    case QrErrorCorrection::kHigh: return QR_ECLEVEL_H;
    case QrErrorCorrection::kMedium: break;
  }
  return QR_ECLEVEL_M;
}

core::Status CheckOptions(const QrOptions& options) {
  if (options.module_pixels < 1 || options.module_pixels > 64) {
    return core::Error::Field("module_pixels", "out_of_range", "Must be between 1 and 64");
  }
  if (options.quiet_zone < 0 || options.quiet_zone > 16) {
    return core::Error::Field("quiet_zone", "out_of_range", "Must be between 0 and 16");
  }
  return core::Ok();
}

void AppendPngBytes(png_structp png, png_bytep data, png_size_t length) {
  auto* output = static_cast<std::string*>(png_get_io_ptr(png));
  output->append(reinterpret_cast<const char*>(data), length);
}

// Writes `rows` (1-bit, 0 = black) as a PNG into `output`. Kept free of C++ objects with
// destructors between setjmp and the libpng calls, because libpng reports errors by longjmp.
bool WritePng(std::vector<png_bytep>& rows, png_uint_32 side, std::string& output) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  if (png == nullptr) return false;
  png_infop info = png_create_info_struct(png);
  if (info == nullptr || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  png_set_write_fn(png, &output, AppendPngBytes, nullptr);
  png_set_IHDR(png, info, side, side, 1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_compression_level(png, 9);
  png_write_info(png, info);
  png_write_image(png, rows.data());
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return true;
}

}  // namespace

core::Result<QrMatrix> EncodeQr(std::string_view text, QrErrorCorrection correction) {
  if (text.empty() || text.size() > kMaxQrTextBytes || text.find('\0') != std::string_view::npos) {
    return core::Error::Field("url", "invalid", "Give 1 to 2000 bytes of text without NUL");
  }
  const std::string terminated(text);
  std::unique_ptr<QRcode, void (*)(QRcode*)> code(
      QRcode_encodeString8bit(terminated.c_str(), 0, Level(correction)), QRcode_free);
  if (!code) return core::Error::Field("url", "too_long", "The text does not fit in a QR code");
  QrMatrix matrix;
  matrix.size = code->width;
  matrix.dark.resize(static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width));
  for (std::size_t module = 0; module < matrix.dark.size(); ++module) {
    matrix.dark[module] = (code->data[module] & 1) != 0;
  }
  return matrix;
}

core::Result<std::string> QrCodeSvg(std::string_view text, const QrOptions& options) {
  VOXLOOP_TRY(CheckOptions(options));
  VOXLOOP_ASSIGN_OR_RETURN(const QrMatrix matrix, EncodeQr(text, options.correction));
  const int side = matrix.size + 2 * options.quiet_zone;
  const std::string pixels = std::to_string(side * options.module_pixels);
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                    std::to_string(side) + " " + std::to_string(side) + "\" width=\"" + pixels +
                    "\" height=\"" + pixels + "\" shape-rendering=\"crispEdges\">" +
                    "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
  // One horizontal run of dark modules per subpath.
  for (int y = 0; y < matrix.size; ++y) {
    for (int x = 0; x < matrix.size;) {
      if (!matrix.Dark(x, y)) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < matrix.size && matrix.Dark(x + run, y)) ++run;
      svg += "M" + std::to_string(x + options.quiet_zone) + " " +
             std::to_string(y + options.quiet_zone) + "h" + std::to_string(run) + "v1h-" +
             std::to_string(run) + "z";
      x += run;
    }
  }
  svg += "\"/></svg>";
  return svg;
}

core::Result<std::string> QrCodePng(std::string_view text, const QrOptions& options) {
  VOXLOOP_TRY(CheckOptions(options));
  VOXLOOP_ASSIGN_OR_RETURN(const QrMatrix matrix, EncodeQr(text, options.correction));
  const int scale = options.module_pixels;
  const auto side = static_cast<png_uint_32>((matrix.size + 2 * options.quiet_zone) * scale);
  const std::size_t row_bytes = (side + 7) / 8;
  std::vector<png_byte> pixels(row_bytes * side, 0xFF);  // 1 = white
  for (png_uint_32 y = 0; y < side; ++y) {
    const int module_y = static_cast<int>(y) / scale - options.quiet_zone;
    for (png_uint_32 x = 0; x < side; ++x) {
      const int module_x = static_cast<int>(x) / scale - options.quiet_zone;
      const bool inside = module_x >= 0 && module_y >= 0 && module_x < matrix.size && module_y < matrix.size;
      if (inside && matrix.Dark(module_x, module_y)) {
        pixels[y * row_bytes + x / 8] &= static_cast<png_byte>(~(0x80u >> (x % 8)));
      }
    }
  }
  std::vector<png_bytep> rows(side);
  for (png_uint_32 y = 0; y < side; ++y) rows[y] = &pixels[y * row_bytes];
  std::string output;
  if (!WritePng(rows, side, output)) return core::Error::Internal("libpng failed to write a QR code");
  return output;
}

}  // namespace voxloop::collect
