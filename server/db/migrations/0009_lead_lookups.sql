CREATE INDEX `leads_site_visitor` ON `leads` (`site_id`,`visitor_id`);--> statement-breakpoint
CREATE INDEX `leads_site_phone` ON `leads` (`site_id`,`phone`);