// The image types devices may send (photos, screenshots, screen keyframes), and that results carrying an image keep.
export const imageTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'];
