package dev.fairshift.transparency;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/** The page read strictly as XML, and its metrics: data-metric key to data-value. */
final class Metrics {
  final Document document;
  final Map<String, String> values = new LinkedHashMap<>();

  private Metrics(Document document) {
    this.document = document;
    NodeList all = document.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (e.hasAttribute("data-metric")) {
        String key = e.getAttribute("data-metric");
        if (values.put(key, e.getAttribute("data-value")) != null) {
          throw new AssertionError("data-metric " + key + " appears twice");
        }
        if (!e.hasAttribute("data-value")) {
          throw new AssertionError("data-metric " + key + " has no data-value");
        }
      }
    }
  }

  /** Parses {@code html} as well-formed XML (any error fails), with external entities off. */
  static Metrics parse(String html) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(false);
      f.setValidating(false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setExpandEntityReferences(false);
      DocumentBuilder builder = f.newDocumentBuilder();
      builder.setErrorHandler(new DefaultHandler() {
        @Override
        public void warning(SAXParseException e) throws SAXParseException {
          throw e;
        }

        @Override
        public void error(SAXParseException e) throws SAXParseException {
          throw e;
        }
      });
      return new Metrics(builder.parse(new InputSource(new StringReader(html))));
    } catch (Exception e) {
      throw new AssertionError("The page is not well-formed: " + e.getMessage(), e);
    }
  }

  boolean has(String key) {
    return values.containsKey(key);
  }

  double number(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new AssertionError("No data-metric " + key);
    }
    if (v.isEmpty()) {
      throw new AssertionError("data-metric " + key + " is empty");
    }
    return Double.parseDouble(v);
  }

  String raw(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new AssertionError("No data-metric " + key);
    }
    return v;
  }
}
