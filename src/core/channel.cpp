#include "core/channel.hpp"

#include <array>
#include <utility>

namespace voxloop::core {
namespace {

constexpr std::array<std::pair<Channel, std::string_view>, 13> kChannelNames = {{
    {Channel::kSurvey, "survey"},
    {Channel::kWebForm, "web_form"},
    {Channel::kWidget, "widget"},
    {Channel::kEmail, "email"},
    {Channel::kChat, "chat"},
    {Channel::kReview, "review"},
    {Channel::kSocial, "social"},
    {Channel::kPhone, "phone"},
    {Channel::kImport, "import"},
    {Channel::kApi, "api"},
    {Channel::kKiosk, "kiosk"},
    {Channel::kSms, "sms"},
    {Channel::kInApp, "in_app"},
}};

constexpr std::array<Channel, kChannelNames.size()> kAllChannels = [] {
  std::array<Channel, kChannelNames.size()> all{};
  for (std::size_t i = 0; i < kChannelNames.size(); ++i) all[i] = kChannelNames[i].first;
  return all;
}();

}  // namespace

std::string_view ChannelName(Channel channel) {
  for (const auto& [value, name] : kChannelNames) {
    if (value == channel) return name;
  }
  return "api";
}

std::optional<Channel> ParseChannel(std::string_view name) {
  for (const auto& [value, channel_name] : kChannelNames) {
    if (channel_name == name) return value;
  }
  return std::nullopt;
}

std::span<const Channel> AllChannels() { return kAllChannels; }

}  // namespace voxloop::core
