-- wrk script: single-item POST /feedback with a rotating set of realistic texts in three
-- languages (so analysis sees real work), authenticated with $TOKEN.
local texts = {
  "Giao hàng quá chậm, đặt từ thứ hai mà tới thứ sáu mới nhận được.",
  "Nhân viên tư vấn rất nhiệt tình, giải đáp thắc mắc nhanh chóng.",
  "Sản phẩm chất lượng tốt nhưng giá hơi cao so với thị trường.",
  "Ứng dụng hay bị treo khi thanh toán, phải thử lại mấy lần.",
  "快递太慢了，等了一个星期才到，包装还破了。",
  "客服态度非常好，问题很快就解决了，点赞！",
  "质量不错，价格也合理，会推荐给朋友。",
  "App 付款的时候老是闪退，体验很差。",
  "Delivery took over a week and the box arrived damaged.",
  "The support agent was fantastic and solved my issue in minutes!",
  "Great quality for the price, but shipping could be faster.",
  "The app keeps crashing at checkout, I had to try three times.",
}
local channels = { "chat", "email", "review", "survey", "widget", "social" }
local counter = 0
request = function()
  counter = counter + 1
  local text = texts[(counter % #texts) + 1]
  local channel = channels[(counter % #channels) + 1]
  local body = '{"channel":"' .. channel .. '","text":"' .. text .. '","rating":' .. (counter % 11) .. '}'
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. os.getenv("TOKEN"),
  }, body)
end
