window.YTD.tweets.part0 = [
  {
    "tweet": {
      "id_str": "1990500000000000001",
      "id": "1990500000000000001",
      "full_text": "Spent the weekend reading the tinygrad source. Clean, small and a lot of fun to hack on.",
      "created_at": "Thu Nov 19 09:12:00 +0000 2026",
      "favorite_count": "12",
      "retweet_count": "2",
      "lang": "en",
      "in_reply_to_status_id_str": null
    }
  },
  {
    "tweet": {
      "id_str": "1990500000000000002",
      "id": "1990500000000000002",
      "full_text": "Coffee first, then code review &amp; standup.",
      "created_at": "Thu Nov 19 07:30:00 +0000 2026",
      "favorite_count": "1",
      "retweet_count": "0",
      "lang": "en"
    }
  }
]
