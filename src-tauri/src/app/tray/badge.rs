//! The environment's colour on the tray icon: a round badge in its
//! bottom-right corner, with a light rim so it reads on dark and light
//! panels alike and leaves the session state's own colour in view.

/// The badge's radius, as a share of the icon's width.
const RADIUS: f32 = 0.25;
/// The rim's width, as a share of the icon's width.
const RIM: f32 = 0.06;
const RIM_RGB: [u8; 3] = [0xff, 0xff, 0xff];

/// Paints the badge of colour `rgb` into `rgba` (`width` × `height`
/// pixels, four bytes each), its edges smoothed.
pub fn paint(rgba: &mut [u8], width: u32, height: u32, rgb: [u8; 3]) {
    let w = width as f32;
    let r = w * RADIUS;
    let rim = (w * RIM).max(1.0);
    let (cx, cy) = (w - r - 0.5, height as f32 - r - 0.5);
    for y in 0..height {
        for x in 0..width {
            let d = ((x as f32 - cx).powi(2) + (y as f32 - cy).powi(2)).sqrt();
            // How much of the pixel each part covers, smoothed over a pixel.
            let outer = (r + 0.5 - d).clamp(0.0, 1.0);
            if outer == 0.0 {
                continue;
            }
            let inner = (r - rim + 0.5 - d).clamp(0.0, 1.0);
            let i = ((y * width + x) * 4) as usize;
            let Some(px) = rgba.get_mut(i..i + 4) else {
                continue;
            };
            for c in 0..3 {
                let fill = f32::from(rgb[c]) * inner + f32::from(RIM_RGB[c]) * (1.0 - inner);
                px[c] = blend(px[c], fill, outer);
            }
            px[3] = blend(px[3], 255.0, outer);
        }
    }
}

fn blend(under: u8, over: f32, cover: f32) -> u8 {
    (f32::from(under) * (1.0 - cover) + over * cover).round() as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_badge_sits_bottom_right_and_leaves_the_rest() {
        let (w, h) = (32u32, 32u32);
        let mut rgba = vec![0u8; (w * h * 4) as usize];
        paint(&mut rgba, w, h, [0xd9, 0x2d, 0x20]);
        let at = |x: u32, y: u32| {
            let i = ((y * w + x) * 4) as usize;
            [rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]]
        };
        // The badge's middle is the colour, opaque.
        assert_eq!(at(w - 9, h - 9), [0xd9, 0x2d, 0x20, 0xff]);
        // Its rim is light.
        assert!(
            at(w - 9, h - 2)[..3].iter().all(|c| *c > 200),
            "{:?}",
            at(w - 9, h - 2)
        );
        // The top-left, where the state's colour is, is untouched.
        assert_eq!(at(4, 4), [0, 0, 0, 0]);
        assert_eq!(at(w / 2, 2), [0, 0, 0, 0]);
    }
}
