package io.dianxiaoer.sim.camera;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Random;

/**
 * Draws the synthetic documents flat, as if scanned perfectly: an application form, a licence-like
 * card and a QR slip. Everything on them is invented (names, numbers, the word 样本 "sample" is
 * printed on each), so they carry no personal data. Deterministic for a given seed. Java2D only;
 * headless-safe.
 */
public final class FlatDocuments {

    /** A4 at about 120 dpi. */
    public static final int FORM_W = 1000;
    public static final int FORM_H = 1414;
    /** ID-1 at about 250 dpi. */
    public static final int CARD_W = 856;
    public static final int CARD_H = 540;
    public static final int SLIP_W = 800;
    public static final int SLIP_H = 1000;

    private static final String SANS = Font.SANS_SERIF;

    private FlatDocuments() {
    }

    public static BufferedImage render(DocumentKind kind, String qrText, long seed) {
        return switch (kind) {
            case FORM -> form(seed);
            case LICENCE_CARD -> card(seed);
            case QR_SLIP -> qrSlip(qrText, seed);
        };
    }

    /** Which pixels of the flat picture are paper (255) — the card's corners are rounded. */
    public static BufferedImage mask(DocumentKind kind, int width, int height) {
        BufferedImage m = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = m.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        if (kind == DocumentKind.LICENCE_CARD) {
            g.fill(new RoundRectangle2D.Double(0, 0, width, height, 56, 56));
        } else {
            g.fillRect(0, 0, width, height);
        }
        g.dispose();
        return m;
    }

    static BufferedImage form(long seed) {
        Random rnd = new Random(seed);
        BufferedImage img = new BufferedImage(FORM_W, FORM_H, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = start(img, new Color(238, 237, 232));
        g.setColor(new Color(20, 20, 25));
        g.setFont(new Font(SANS, Font.BOLD, 42));
        center(g, "一网通办 综合申请表", 120);
        g.setFont(new Font(SANS, Font.PLAIN, 24));
        center(g, "Application Form (SAMPLE 样本)", 165);
        g.setStroke(new BasicStroke(3f));
        g.drawLine(80, 200, FORM_W - 80, 200);
        String[] labels = {"申请人 Applicant", "证件号码 ID No.", "联系电话 Phone", "住址 Address", "事项 Service",
            "材料 Materials", "日期 Date", "备注 Notes"};
        g.setStroke(new BasicStroke(2f));
        int top = 250;
        int rowH = 110;
        for (int i = 0; i < labels.length; i++) {
            int y = top + i * rowH;
            g.drawRect(80, y, FORM_W - 160, rowH);
            g.drawLine(340, y, 340, y + rowH);
            g.setFont(new Font(SANS, Font.PLAIN, 26));
            g.drawString(labels[i], 100, y + rowH / 2 + 9);
            g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 28));
            g.setColor(new Color(25, 35, 90));
            g.drawString(fakeEntry(rnd, i), 365, y + rowH / 2 + 10);
            g.setColor(new Color(20, 20, 25));
        }
        g.setFont(new Font(SANS, Font.PLAIN, 22));
        int y = top + labels.length * rowH + 60;
        for (int line = 0; line < 3; line++) {
            g.drawString("本人承诺所填信息真实有效。I declare the information above is true. (" + (line + 1) + ")", 90, y + line * 36);
        }
        // a round seal, the way forms are stamped
        g.setColor(new Color(200, 40, 40));
        g.setStroke(new BasicStroke(5f));
        g.drawOval(FORM_W - 330, FORM_H - 300, 200, 200);
        g.setFont(new Font(SANS, Font.BOLD, 30));
        g.drawString("受理专用章", FORM_W - 305, FORM_H - 190);
        g.dispose();
        return img;
    }

    static BufferedImage card(long seed) {
        Random rnd = new Random(seed);
        BufferedImage img = new BufferedImage(CARD_W, CARD_H, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = start(img, Color.BLACK);
        // The card is drawn with rounded corners over black, like the real thing: the corner points
        // of the page are where the straight edges would meet.
        g.setPaint(new GradientPaint(0, 0, new Color(214, 232, 240), CARD_W, CARD_H, new Color(232, 240, 222)));
        g.fill(new RoundRectangle2D.Double(0, 0, CARD_W, CARD_H, 56, 56));
        g.setColor(new Color(40, 70, 120));
        g.setFont(new Font(SANS, Font.BOLD, 44));
        g.drawString("许可证 LICENCE", 40, 80);
        g.setFont(new Font(SANS, Font.PLAIN, 20));
        g.drawString("样本 SAMPLE — not a real document", 44, 112);
        g.setColor(new Color(150, 160, 170));
        g.fillRect(CARD_W - 250, 140, 200, 250); // photo area (grey: no face on the sample)
        g.setColor(new Color(30, 30, 40));
        String[][] rows = {{"名称 Name", "示例商户 " + (char) ('A' + rnd.nextInt(26))},
            {"编号 No.", String.format("91310000MA%08d", rnd.nextInt(100_000_000))},
            {"类型 Type", "食品经营 Food"}, {"有效期 Valid", "2024-01-01 — 2029-12-31"}};
        for (int i = 0; i < rows.length; i++) {
            g.setFont(new Font(SANS, Font.PLAIN, 22));
            g.drawString(rows[i][0], 44, 180 + i * 62);
            g.setFont(new Font(SANS, Font.BOLD, 26));
            g.drawString(rows[i][1], 200, 180 + i * 62);
        }
        g.setColor(new Color(200, 50, 50));
        g.setStroke(new BasicStroke(4f));
        g.drawOval(CARD_W - 230, 400, 110, 110);
        g.dispose();
        return img;
    }

    static BufferedImage qrSlip(String text, long seed) {
        BufferedImage img = new BufferedImage(SLIP_W, SLIP_H, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = start(img, new Color(242, 242, 240));
        g.setColor(new Color(20, 20, 20));
        g.setFont(new Font(SANS, Font.BOLD, 44));
        center(g, "预约签到码", 110);
        g.setFont(new Font(SANS, Font.PLAIN, 24));
        center(g, "Appointment check-in (SAMPLE 样本)", 155);
        BitMatrix m = qrMatrix(text, 560);
        int x0 = (SLIP_W - m.getWidth()) / 2;
        int y0 = 220;
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    g.fillRect(x0 + x, y0 + y, 1, 1);
                }
            }
        }
        g.setFont(new Font(SANS, Font.PLAIN, 22));
        center(g, "请在 30 分钟内到达 Please arrive within 30 minutes", 860);
        g.dispose();
        return img;
    }

    /** A QR code of {@code size} px with a quiet zone, error correction M, UTF-8. */
    public static BitMatrix qrMatrix(String text, int size) {
        try {
            return new QRCodeWriter().encode(text, com.google.zxing.BarcodeFormat.QR_CODE, size, size,
                    Map.of(EncodeHintType.CHARACTER_SET, "UTF-8", EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                            EncodeHintType.MARGIN, 4));
        } catch (WriterException e) {
            throw new IllegalArgumentException("text does not fit in a QR code: " + e.getMessage(), e);
        }
    }

    private static String fakeEntry(Random rnd, int row) {
        return switch (row) {
            case 0 -> "张三 (示例)";
            case 1 -> "310101********" + (1000 + rnd.nextInt(9000));
            case 2 -> "021-" + (60000000 + rnd.nextInt(9999999));
            case 3 -> "上海市示例路 " + (1 + rnd.nextInt(999)) + " 号";
            case 4 -> "营业执照变更登记";
            case 5 -> "身份证、租赁合同";
            case 6 -> "2025-0" + (1 + rnd.nextInt(9)) + "-1" + rnd.nextInt(10);
            default -> "—";
        };
    }

    private static Graphics2D start(BufferedImage img, Color paper) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(paper);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        return g;
    }

    private static void center(Graphics2D g, String s, int y) {
        int w = g.getFontMetrics().stringWidth(s);
        g.drawString(s, (g.getDeviceConfiguration().getBounds().width - w) / 2, y);
    }
}
