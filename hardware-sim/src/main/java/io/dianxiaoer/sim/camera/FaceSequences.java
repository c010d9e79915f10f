package io.dianxiaoer.sim.camera;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Face-camera scenes made from the astronaut photograph by code, for the liveness check (see
 * {@code docs/face-liveness.md}):
 *
 * <ul>
 *   <li>{@code face-portrait} — the photo framed the way a citizen stands at the kiosk: the face
 *       centred, about a third of the picture high. A still.</li>
 *   <li>{@code blink} — the same framing, looping once a second: 17 frames with the eyes open, then
 *       3 frames (150 ms at 20 fps) where each eye is painted over with skin tone sampled from the
 *       cheek below it and a dark lid line is drawn — a closed eye.</li>
 *   <li>{@code photo-moved} — the still portrait moved rigidly left and right (±48 px over two
 *       seconds), the way someone holds a printed photo up and sways it. Must fail liveness.</li>
 *   <li>{@code face-dark} — the portrait at a fifth of its brightness (a badly lit booth);</li>
 *   <li>{@code face-far} — the face 16 % of the picture high, centred (someone standing back);</li>
 *   <li>{@code two-people} — two copies of the photo side by side, faces a quarter high.</li>
 * </ul>
 *
 * The eye boxes are fixed coordinates in the 512×512 photograph (measured once with OpenCV's
 * {@code haarcascade_eye} on the photo: left eye at (189, 89), right at (232, 90), about 25 px),
 * not detected at run time: the simulator must not lean on the detector it is meant to test.
 * Stateless; each call renders anew (the caller caches).
 */
final class FaceSequences {

    /** Eye boxes {x, y, size} in the photograph's own pixels (512×512). */
    private static final int[][] EYES = {{189, 89, 25}, {232, 90, 26}};
    /** The face's centre and height in the photograph's pixels. */
    private static final double FACE_CX = 225;
    private static final double FACE_CY = 115;
    private static final double FACE_H = 100;
    /** The face's height as a share of the camera picture. */
    private static final double FACE_SHARE = 0.28;

    static final int BLINK_OPEN_FRAMES = 17;
    static final int BLINK_CLOSED_FRAMES = 3;
    static final int MOVE_FRAMES = 40;
    static final int MOVE_AMPLITUDE = 48;

    private FaceSequences() {
    }

    static List<String> names() {
        return List.of("face-portrait", "blink", "photo-moved", "face-dark", "face-far", "two-people");
    }

    /** The frames of {@code name} as BGR pictures of {@code width × height}, or null if not a sequence name. */
    static List<BufferedImage> render(String name, BufferedImage photo, int width, int height) {
        switch (name) {
            case "face-portrait" -> {
                return List.of(portrait(photo, width, height, 0, 1.0));
            }
            case "face-dark" -> {
                return List.of(portrait(photo, width, height, 0, 0.2));
            }
            case "face-far" -> {
                BufferedImage img = background(width, height);
                draw(img, photo, 0.5, 0.16);
                return List.of(img);
            }
            case "two-people" -> {
                BufferedImage img = background(width, height);
                draw(img, photo, 0.3, 0.25);
                draw(img, photo, 0.7, 0.25);
                return List.of(img);
            }
            case "blink" -> {
                BufferedImage open = portrait(photo, width, height, 0, 1.0);
                BufferedImage closed = portrait(closedEyes(photo), width, height, 0, 1.0);
                List<BufferedImage> frames = new ArrayList<>();
                for (int i = 0; i < BLINK_OPEN_FRAMES; i++) {
                    frames.add(open);
                }
                for (int i = 0; i < BLINK_CLOSED_FRAMES; i++) {
                    frames.add(closed);
                }
                return frames;
            }
            case "photo-moved" -> {
                List<BufferedImage> frames = new ArrayList<>();
                for (int i = 0; i < MOVE_FRAMES; i++) {
                    int dx = (int) Math.round(MOVE_AMPLITUDE * Math.sin(2 * Math.PI * i / MOVE_FRAMES));
                    frames.add(portrait(photo, width, height, dx, 1.0));
                }
                return frames;
            }
            default -> {
                return null;
            }
        }
    }

    /** A copy of the photograph with both eyes closed: skin over the eye, a dark lid line across. */
    static BufferedImage closedEyes(BufferedImage photo) {
        BufferedImage img = new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.drawImage(photo, 0, 0, null);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        for (int[] e : EYES) {
            int x = e[0];
            int y = e[1];
            int s = e[2];
            // skin from the cheek just below the eye
            Color skin = new Color(photo.getRGB(x + s / 2, Math.min(photo.getHeight() - 1, y + s + s / 3)));
            // the lid: skin in the shade of the brow, over iris and white; then the lashes' dark line
            double ex = x + s * 0.12;
            double ey = y + s * 0.30;
            double ew = s * 0.76;
            double eh = s * 0.42;
            g.setColor(shade(skin, 0.75));
            g.fill(new Ellipse2D.Double(ex, ey, ew, eh));
            g.setColor(shade(skin, 0.35));
            g.setStroke(new BasicStroke(2.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new java.awt.geom.Arc2D.Double(ex, ey - eh * 0.4, ew, eh * 1.2, 200, 140, java.awt.geom.Arc2D.OPEN));
        }
        g.dispose();
        return img;
    }

    private static BufferedImage background(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(118, 124, 132));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return img;
    }

    /** Draws the photo so that its face is {@code share} of the picture high, centred at {@code cx} × width. */
    private static void draw(BufferedImage img, BufferedImage photo, double cx, double share) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        double scale = share * img.getHeight() / FACE_H;
        int w = (int) Math.round(photo.getWidth() * scale);
        int h = (int) Math.round(photo.getHeight() * scale);
        g.drawImage(photo, (int) Math.round(cx * img.getWidth() - FACE_CX * scale),
                (int) Math.round(img.getHeight() / 2.0 - FACE_CY * scale), w, h, null);
        g.dispose();
    }

    private static Color shade(Color c, double f) {
        return new Color((int) (c.getRed() * f), (int) (c.getGreen() * f), (int) (c.getBlue() * f));
    }

    /** The photo scaled so the face is {@link #FACE_SHARE} of the picture high, centred, shifted by dx. */
    static BufferedImage portrait(BufferedImage photo, int width, int height, int dx, double gain) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(118, 124, 132));
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        double scale = FACE_SHARE * height / FACE_H;
        int w = (int) Math.round(photo.getWidth() * scale);
        int h = (int) Math.round(photo.getHeight() * scale);
        int x = (int) Math.round(width / 2.0 - FACE_CX * scale) + dx;
        int y = (int) Math.round(height / 2.0 - FACE_CY * scale);
        g.drawImage(photo, x, y, w, h, null);
        g.dispose();
        if (gain != 1.0) {
            byte[] px = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < px.length; i++) {
                px[i] = (byte) Math.min(255, Math.round((px[i] & 0xFF) * gain));
            }
        }
        return img;
    }
}
