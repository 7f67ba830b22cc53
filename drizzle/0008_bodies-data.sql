-- Voice notes stored whole move into attachment_chunk, 262144 bytes (256 KiB) per row, in order;
-- substr() on a blob counts bytes. An attachment whose ciphertext arrived is marked uploaded.
WITH RECURSIVE piece(attachment_id, sequence, total) AS (
	SELECT id, 0, length(ciphertext) FROM attachment WHERE ciphertext IS NOT NULL AND length(ciphertext) > 0
	UNION ALL
	SELECT attachment_id, sequence + 1, total FROM piece WHERE (sequence + 1) * 262144 < total
)
INSERT INTO attachment_chunk (attachment_id, sequence, ciphertext)
SELECT piece.attachment_id, piece.sequence, substr(attachment.ciphertext, piece.sequence * 262144 + 1, 262144)
FROM piece JOIN attachment ON attachment.id = piece.attachment_id;
--> statement-breakpoint
UPDATE attachment SET uploaded = 1 WHERE ciphertext IS NOT NULL AND length(ciphertext) > 0;
