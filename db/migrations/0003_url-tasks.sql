CREATE TABLE "web_article" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"source_event_id" text NOT NULL,
	"url" text NOT NULL,
	"final_url" text,
	"http_status" integer,
	"content_sha256" text NOT NULL,
	"title" text,
	"byline" text,
	"site_name" text,
	"language" text,
	"excerpt" text,
	"main_image_url" text,
	"published_at" timestamp with time zone,
	"text" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"summary" text,
	"summary_method" text,
	"summary_model" text,
	CONSTRAINT "web_article_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
ALTER TABLE "url_task" ADD COLUMN "refetch" boolean;
--> statement-breakpoint
ALTER TABLE "pdf_extract" ADD COLUMN "final_url" text;
--> statement-breakpoint
ALTER TABLE "pdf_extract" ADD COLUMN "http_status" integer;
--> statement-breakpoint
ALTER TABLE "pdf_extract" ADD COLUMN "content_sha256" text NOT NULL;
--> statement-breakpoint
ALTER TABLE "pdf_extract" ADD COLUMN "author" text;
--> statement-breakpoint
ALTER TABLE "pdf_extract" ADD COLUMN "pages" jsonb;
--> statement-breakpoint
ALTER TABLE "pdf_extract" ADD COLUMN "metadata" jsonb;
--> statement-breakpoint
ALTER TABLE "pdf_extract" ADD COLUMN "outline" jsonb;
--> statement-breakpoint
ALTER TABLE "pdf_extract" ADD COLUMN "document" jsonb;
--> statement-breakpoint
ALTER TABLE "pdf_extract" ADD COLUMN "summary_method" text;
--> statement-breakpoint
ALTER TABLE "pdf_extract" ADD COLUMN "summary_model" text;
--> statement-breakpoint
ALTER TABLE "tweet_archive" ADD COLUMN "final_url" text;
--> statement-breakpoint
ALTER TABLE "tweet_archive" ADD COLUMN "http_status" integer;
--> statement-breakpoint
ALTER TABLE "tweet_archive" ADD COLUMN "content_sha256" text NOT NULL;
--> statement-breakpoint
ALTER TABLE "tweet_archive" ADD COLUMN "author_name" text;
--> statement-breakpoint
ALTER TABLE "tweet_archive" ADD COLUMN "posted_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "tweet_archive" ADD COLUMN "language" text;
--> statement-breakpoint
ALTER TABLE "tweet_archive" ADD COLUMN "quoted_tweet" jsonb;
--> statement-breakpoint
CREATE INDEX "web_article_device_time_idx" ON "web_article" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "web_article_id_idx" ON "web_article" USING btree ("id");
