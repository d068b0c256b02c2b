CREATE TABLE "email_attachment" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"message_id" text NOT NULL,
	"filename" text,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"inline" boolean,
	"content" jsonb,
	CONSTRAINT "email_attachment_time_id_device_id_pk" PRIMARY KEY("time","id","device_id")
);

--> statement-breakpoint
CREATE INDEX "email_attachment_device_time_idx" ON "email_attachment" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "email_attachment_id_idx" ON "email_attachment" USING btree ("id");
