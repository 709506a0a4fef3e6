-- A webhook that has failed three times in a row and was paused, with its last error.
UPDATE webhooks SET consecutive_failures = 3, backoff_until = '2024-05-01 00:00:08+00',
  paused_at = '2024-05-01 00:00:09+00', last_success_at = '2024-04-30 00:00:00+00',
  last_error = 'HTTP 503', last_error_at = '2024-05-01 00:00:07+00'
WHERE org_uid = '00000000-0000-4000-8000-000000000001' AND uid = '00000000-0000-4000-8000-000000000602';
