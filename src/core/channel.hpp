// Channel: where a piece of feedback came from. Every channel's feedback is stored the same
// way (a FeedbackItem); the channel is a label for filtering, grouping and rules.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace voxloop::core {

enum class Channel {
  kSurvey,
  kWebForm,
  kWidget,
  kEmail,
  kChat,
  kReview,
  kSocial,
  kPhone,
  kImport,
  kApi,
  kKiosk,
  kSms,
  kInApp,
};

// Wire name, e.g. "web_form".
std::string_view ChannelName(Channel channel);
std::optional<Channel> ParseChannel(std::string_view name);
// Every channel, in declaration order (for validation messages and demo data).
std::span<const Channel> AllChannels();

}  // namespace voxloop::core
