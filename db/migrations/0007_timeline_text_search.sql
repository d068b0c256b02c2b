CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX "screenshot_text_idx" ON "screenshot" USING gin ((coalesce("app_name", '')) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "bluetooth_scan_text_idx" ON "bluetooth_scan" USING gin ((coalesce("name", '')) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "wifi_state_text_idx" ON "wifi_state" USING gin ((coalesce("ssid", '')) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "app_focus_text_idx" ON "app_focus" USING gin ((coalesce("app_name", '') || E'\x1f' || coalesce("window_title", '')) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "app_lifecycle_text_idx" ON "app_lifecycle" USING gin ((coalesce("app_name", '') || E'\x1f' || coalesce("package_name", '')) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "notification_text_idx" ON "notification" USING gin ((coalesce("app_name", '') || E'\x1f' || coalesce("title", '') || E'\x1f' || coalesce("text", '')) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "calendar_event_text_idx" ON "calendar_event" USING gin ((coalesce("title", '') || E'\x1f' || coalesce("location", '') || E'\x1f' || coalesce("calendar_name", '')) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "clipboard_text_idx" ON "clipboard" USING gin ((coalesce("text", '') || E'\x1f' || coalesce("source_app", '')) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "email_attachment_text_idx" ON "email_attachment" USING gin ((coalesce("filename", '') || E'\x1f' || coalesce("content_type", '')) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "email_event_text_idx" ON "email_event" USING gin ((coalesce("subject", '') || E'\x1f' || coalesce("snippet", '') || E'\x1f' || coalesce("from", '')) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "liked_tweet_text_idx" ON "liked_tweet" USING gin ((coalesce("text", '') || E'\x1f' || coalesce("author_handle", '') || E'\x1f' || coalesce("author_name", '')) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "url_task_text_idx" ON "url_task" USING gin ((coalesce("url", '') || E'\x1f' || coalesce("note", '')) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "web_visit_text_idx" ON "web_visit" USING gin ((coalesce("title", '') || E'\x1f' || coalesce("url", '')) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "image_analysis_text_idx" ON "image_analysis" USING gin ((coalesce("caption", '') || E'\x1f' || coalesce("ocr_text", '')) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "inferred_context_text_idx" ON "inferred_context" USING gin ((coalesce("summary", '') || E'\x1f' || coalesce("place", '') || E'\x1f' || coalesce("activity", '')) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "object_detections_text_idx" ON "object_detections" USING gin ((coalesce("ocr_text", '')) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "pdf_extract_text_idx" ON "pdf_extract" USING gin ((coalesce("title", '') || E'\x1f' || coalesce("text", '') || E'\x1f' || coalesce("summary", '') || E'\x1f' || coalesce("author", '')) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "transcript_segment_text_idx" ON "transcript_segment" USING gin ((coalesce("text", '')) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "tweet_archive_text_idx" ON "tweet_archive" USING gin ((coalesce("text", '') || E'\x1f' || coalesce("author_handle", '') || E'\x1f' || coalesce("author_name", '')) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "web_article_text_idx" ON "web_article" USING gin ((coalesce("title", '') || E'\x1f' || coalesce("text", '') || E'\x1f' || coalesce("summary", '') || E'\x1f' || coalesce("byline", '') || E'\x1f' || coalesce("site_name", '')) gin_trgm_ops);
