"""sms line."""
