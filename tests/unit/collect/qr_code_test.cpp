#include "collect/qr_code.hpp"

#include <gtest/gtest.h>
#include <png.h>
#include <pugixml.hpp>
#include <zbar.h>

#include <cstdio>
#include <sstream>

namespace voxloop::collect {
namespace {

const std::string kUrl = "https://feedback.example.vn/s/7312?src=qr&lang=vi";

// Decodes the QR codes zbar finds in an 8-bit greyscale image.
std::vector<std::string> Decode(std::vector<unsigned char> pixels, unsigned width, unsigned height) {
  zbar::ImageScanner scanner;
  scanner.set_config(zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 0);
  scanner.set_config(zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_ENABLE, 1);
  zbar::Image image(width, height, "Y800", pixels.data(), pixels.size());
  scanner.scan(image);
  std::vector<std::string> found;
  for (auto symbol = image.symbol_begin(); symbol != image.symbol_end(); ++symbol) {
    found.push_back(symbol->get_data());
  }
  image.set_data(nullptr, 0);
  return found;
}

TEST(QrCodeTest, EncodesPngThatDecodesToTheUrl) {
  auto png = QrCodePng(kUrl);
  ASSERT_TRUE(png.ok());
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  ASSERT_TRUE(png_image_begin_read_from_memory(&image, png->data(), png->size()));
  image.format = PNG_FORMAT_GRAY;
  std::vector<unsigned char> pixels(PNG_IMAGE_SIZE(image));
  ASSERT_TRUE(png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr));
  EXPECT_EQ(image.width, image.height);
  EXPECT_EQ(Decode(std::move(pixels), image.width, image.height), std::vector<std::string>{kUrl});
}

TEST(QrCodeTest, EncodesSvgThatDecodesToTheUrl) {
  QrOptions options;
  options.quiet_zone = 4;
  auto svg = QrCodeSvg(kUrl, options);
  ASSERT_TRUE(svg.ok());
  pugi::xml_document document;
  ASSERT_TRUE(document.load_string(svg->c_str()));
  // Rasterise the path's runs ("M x y h n v1 h-n z"), 4 pixels per module.
  const int side = std::stoi(std::string(document.child("svg").attribute("viewBox").value()).substr(4));
  const int scale = 4;
  std::vector<unsigned char> pixels(static_cast<std::size_t>(side * scale * side * scale), 255);
  std::istringstream path(document.child("svg").child("path").attribute("d").value());
  char command;
  int x, y, run;
  while (path >> command >> x >> y >> command >> run) {
    path.ignore(256, 'z');
    for (int py = y * scale; py < (y + 1) * scale; ++py) {
      for (int px = x * scale; px < (x + run) * scale; ++px) pixels[py * side * scale + px] = 0;
    }
  }
  EXPECT_EQ(Decode(std::move(pixels), side * scale, side * scale), std::vector<std::string>{kUrl});
}

TEST(QrCodeTest, UsesMoreModulesForHigherErrorCorrection) {
  auto low = EncodeQr(kUrl, QrErrorCorrection::kLow);
  auto high = EncodeQr(kUrl, QrErrorCorrection::kHigh);
  ASSERT_TRUE(low.ok() && high.ok());
  EXPECT_LT(low->size, high->size);
}

TEST(QrCodeTest, RejectsEmptyOversizedAndNulText) {
  EXPECT_FALSE(QrCodeSvg("").ok());
  EXPECT_FALSE(QrCodePng(std::string(2001, 'a')).ok());
  EXPECT_FALSE(QrCodePng(std::string("a\0b", 3)).ok());
  QrOptions options;
  options.module_pixels = 0;
  EXPECT_FALSE(QrCodePng(kUrl, options).ok());
}

}  // namespace
}  // namespace voxloop::collect
