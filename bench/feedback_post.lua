-- wrk script: single-item POST /feedback with a rotating set of realistic texts in three
-- languages (so analysis sees real work), authenticated with $TOKEN.
-- The 132 distinct requests of the rotation (12 texts x 6 channels x 11 ratings line up every
-- lcm(12, 6, 11) = 132 requests) are built once, in init: building each request in Lua as it
-- is sent cost the load generator, which shares the machine with the server, about twice the
-- CPU of sending it.
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
local requests = {}
local counter = 0

init = function(args)
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. os.getenv("TOKEN"),
  }
  for n = 1, 132 do
    local body = '{"channel":"' .. channels[(n % #channels) + 1] .. '","text":"' ..
      texts[(n % #texts) + 1] .. '","rating":' .. (n % 11) .. '}'
    requests[n] = wrk.format("POST", nil, headers, body)
  end
end

request = function()
  counter = counter % 132 + 1
  return requests[counter]
end
